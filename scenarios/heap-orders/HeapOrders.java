// Workload for `bench/heap.sh`: an order book held in a static list, shaped like the heap of the
// seed incident's service (many small domain objects, their Strings, boxed numbers and maps).
//
// Usage: java -Xmx3g HeapOrders [orders]   (default 1_500_000; prints READY and then sleeps until killed)
//
// Everything is derived from the order number (no Random, no clock), so two runs with the same
// argument build the same object graph and the dump's histogram is reproducible. Per order the JVM
// holds about 16 objects (Order, customer String + byte[], Long, ArrayList + Object[], 1-2 OrderItems
// each with an Integer and a Double and a SKU String shared from a catalog, a HashMap + table + 2 Nodes,
// either a coupon String + byte[] or a boxed Integer, and on every third order a shipping-address
// String + byte[]), which gives about 25 M objects and a ~1.2 GB HPROF for 1.5 M orders.
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

public final class HeapOrders {
    /** The GC root that retains the whole order book (the leak suspect a heap analyzer must find). */
    static final List<Order> ORDERS = new ArrayList<>();

    /** Shared, interned constants: they are referenced from every order but retained by none. */
    static final String[] STATUSES = {"NEW", "PAID", "SHIPPED", "DELIVERED", "CANCELLED"};
    static final String[] CHANNELS = {"web", "mobile", "store", "partner"};
    /** A product catalog: order items share its SKU Strings, as they would share a cached catalog. */
    static final String[] CATALOG = new String[20_000];

    static final class OrderItem {
        final String sku;
        final Integer quantity;
        final Double unitPrice;

        OrderItem(String sku, Integer quantity, Double unitPrice) {
            this.sku = sku;
            this.quantity = quantity;
            this.unitPrice = unitPrice;
        }
    }

    static final class Order {
        final long id;
        final String customer;
        final Long createdAtMillis;
        final String status;
        final List<OrderItem> items;
        final Map<String, Object> attributes;
        /** Set on every third order only (the others ship to the customer's default address). */
        String shippingAddress;
        double total;

        Order(long id, String customer, Long createdAtMillis, String status, List<OrderItem> items,
                Map<String, Object> attributes) {
            this.id = id;
            this.customer = customer;
            this.createdAtMillis = createdAtMillis;
            this.status = status;
            this.items = items;
            this.attributes = attributes;
        }
    }

    static Order makeOrder(int n) {
        int itemCount = 1 + (n & 1); // alternately 1 and 2 items
        List<OrderItem> items = new ArrayList<>(itemCount);
        double total = 0;
        for (int i = 0; i < itemCount; i++) {
            // Quantities start at 128 so Integer.valueOf never hands out the shared Integer cache
            // (java.lang.Integer.IntegerCache covers -128..127): each item owns its own Integer.
            Integer quantity = 128 + ((n * 7 + i) % 900);
            Double unitPrice = 0.99 + ((n * 31L + i * 17L) % 50_000) / 100.0;
            items.add(new OrderItem(CATALOG[(n * 2 + i) % CATALOG.length], quantity, unitPrice));
            total += quantity * unitPrice;
        }
        Map<String, Object> attributes = new HashMap<>(4);
        attributes.put("channel", CHANNELS[n % CHANNELS.length]);
        // Every other order carries its own coupon code String, the others a boxed loyalty score.
        if ((n & 2) == 0) {
            attributes.put("coupon", "C" + Integer.toString(n, 36));
        } else {
            attributes.put("loyalty", 1_000 + n % 5_000);
        }
        Order order = new Order(n, "customer-" + n + "@shop.example.com",
                1_700_000_000_000L + n * 1_000L, STATUSES[n % STATUSES.length], items, attributes);
        order.total = total;
        if (n % 3 == 0) {
            order.shippingAddress = (n % 9_999 + 1) + " Harbour Street, Unit " + (n % 97) + ", Springfield";
        }
        return order;
    }

    public static void main(String[] args) throws InterruptedException {
        int orders = args.length > 0 ? Integer.parseInt(args[0]) : 1_500_000;
        for (int p = 0; p < CATALOG.length; p++) {
            CATALOG[p] = "SKU-" + (100_000 + p);
        }
        ((ArrayList<Order>) ORDERS).ensureCapacity(orders);
        for (int n = 0; n < orders; n++) {
            ORDERS.add(makeOrder(n));
        }
        System.out.println("READY orders=" + ORDERS.size());
        System.out.flush();
        // Keep the JVM (and ORDERS) alive until run.sh has taken the histogram and the dump and kills us.
        Thread.sleep(Long.MAX_VALUE);
    }
}
