package demo.plugin;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.LongBinaryOperator;

/** A tenant's pricing plugin, loaded by the host through its own class loader on every reload. */
public final class PricingRules {
    private final Map<String, LongBinaryOperator> rules = new LinkedHashMap<>();

    public PricingRules() {
        rules.put("volume-discount", (amount, qty) -> qty >= 100 ? amount * 90 / 100 : amount);
        rules.put("loyalty", (amount, qty) -> amount - Math.min(amount / 20, 500));
        rules.put("minimum-order", (amount, qty) -> Math.max(amount, 1_000));
        rules.put("rounding", (amount, qty) -> (amount + 49) / 50 * 50);
    }

    public long price(long amount, int qty) {
        long value = amount;
        for (LongBinaryOperator rule : rules.values()) value = rule.applyAsLong(value, qty);
        return value;
    }

    @Override
    public String toString() {
        return "PricingRules" + rules.keySet();
    }
}
