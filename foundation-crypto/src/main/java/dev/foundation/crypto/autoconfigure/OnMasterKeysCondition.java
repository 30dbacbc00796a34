package dev.foundation.crypto.autoconfigure;

import org.springframework.boot.autoconfigure.condition.ConditionOutcome;
import org.springframework.boot.autoconfigure.condition.SpringBootCondition;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.context.annotation.ConditionContext;
import org.springframework.core.type.AnnotatedTypeMetadata;

/**
 * Matches when any master key setting is present. The starter brings the module to every
 * application; one that encrypts nothing needs no key, while one that configured keys
 * gets them validated (and a startup failure naming the property when they are wrong).
 */
class OnMasterKeysCondition extends SpringBootCondition {

	@Override
	public ConditionOutcome getMatchOutcome(ConditionContext context, AnnotatedTypeMetadata metadata) {
		Binder binder = Binder.get(context.getEnvironment());
		boolean keys = binder.bind("foundation.crypto.master-keys", Bindable.listOf(CryptoProperties.MasterKey.class))
			.isBound();
		boolean active = binder.bind("foundation.crypto.active-master-key", String.class).isBound();
		boolean keystore = binder.bind("foundation.crypto.keystore.location", String.class).isBound();
		if (keys || active || keystore) {
			return ConditionOutcome.match("foundation.crypto master keys are configured");
		}
		return ConditionOutcome.noMatch("no foundation.crypto.master-keys configured");
	}

}
