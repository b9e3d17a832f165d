#include "kiosk/services/orders/orders_area.h"

#include "kiosk/services/impact/counted_uses.h"
#include "hardware/receipt.h"
#include "kiosk/services/health/local_days.h"
#include "kiosk/services/kiosk_config.h"
#include "kiosk/services/orders/supplier_list_output.h"
#include "kiosk/services/parcels/parcels_settings.h"
#include "kiosk/services/timebank/timebank_area.h"
#include "storage/outbox_store.h"

namespace vk::services::orders {
namespace {

constexpr std::int64_t kRoundIntervalMs = 60'000;
// The longest cut-off is 14 days before the delivery: a list is looked for that far ahead.
constexpr int kDaysLookedAhead = 15;

void readOrdersSettings(SettingsReader& reader, AreaSettings& areas) {
    OrdersSettings& settings = areas.get<OrdersSettings>();
    std::string closing = settings.closingTime;
    reader.text("closing_time", closing, 5);
    if (!health::isValidTime(closing)) reader.problem("closing_time", "must be a time written HH:MM");
    else settings.closingTime = closing;
    reader.boolean("print_list_at_cutoff", settings.printListAtCutoff);
    reader.integer("days_ahead", settings.daysAhead, 1, 60, "days");
}

std::unique_ptr<AreaServices> makeOrdersServices(const AreaContext& context) {
    return std::make_unique<OrdersServices>(context);
}

// What the impact report counts of this area (docs/impact.md).
std::unique_ptr<impact::UsageSource> makeOrdersUsageSource(storage::Database& db) {
    return impact::usesCountedBy(db, &storage::countCollectedOrders,
                                 {{"bread", "bakery", "bread_orders"}, {"grocery", "grocery", "grocery_orders"}});
}

}  // namespace

OrdersServices::OrdersServices(const AreaContext& context, std::unique_ptr<timebank::MemberDirectory> members)
    : settings(context.config.areas.get<OrdersSettings>()),
      db_(context.database),
      clock_(context.clock),
      printer_(context.printer),
      villageName_(context.config.villageName),
      cafe_(context.config.areas.get<parcels::ParcelsSettings>().openingDays,
            context.config.areas.get<parcels::ParcelsSettings>().closures),
      book(context.database, context.clock, context.staff, members_, cafe_, settings) {
    members_.inner = members ? std::move(members)
                             : timebank::makeBoardMemberDirectory(context.database, context.clock, context.staff);
}

bool OrdersServices::poll(std::int64_t nowMs) {
    if (nowMs < nextRoundMs_) return false;
    nextRoundMs_ = nowMs + kRoundIntervalMs;
    return dispatchDueLists().lists > 0;
}

DispatchRound OrdersServices::dispatchDueLists() {
    DispatchRound round;
    const std::int64_t now = clock_.nowMs();
    const std::string today = health::localDay(now);
    storage::OutboxStore outbox(db_);
    for (const auto& supplier : book.suppliers()) {
        const auto calendar = book.calendarOf(supplier.id);
        if (!calendar) continue;
        for (int i = 0; i <= kDaysLookedAhead; ++i) {
            const std::string day = health::addDays(today, i);
            const auto cutoff = calendar->cutoffMs(day);
            if (!cutoff || now < *cutoff || !calendar->delivers(day)) continue;
            if (book.store().wasDispatched(supplier.id, day)) continue;
            const SupplierList list = book.supplierList(supplier.id, day);
            if (!book.store().markDispatched(supplier.id, day, static_cast<int>(list.orders.size()), now)) continue;
            ++round.lists;
            if (list.orders.empty()) continue;  // nothing to bring: no paper, no mail
            if (settings.printListAtCutoff) {
                printer_.submit(supplierListReceipt(list, villageName_));
                ++round.printed;
            }
            if (!supplier.email.empty()) {
                const ListEmail mail = supplierListEmail(list, villageName_);
                storage::OutgoingMessage message;
                message.channel = storage::OutboxChannel::Email;
                message.recipient = supplier.email;
                message.subject = mail.subject;
                message.body = mail.body;
                message.purpose = "orders.supplier_list";
                message.relatedId = supplier.id;
                message.dedupeKey = "orders:list:" + supplier.id + ":" + day;
                if (outbox.enqueue(message, now)) ++round.emailed;
            }
        }
    }
    return round;
}

bool OrdersServices::printList(const std::string& supplierId, const std::string& day) {
    if (!book.supplier(supplierId) || !health::isValidDay(day)) return false;
    printer_.submit(supplierListReceipt(book.supplierList(supplierId, day), villageName_));
    return true;
}

AreaDefinition ordersArea() {
    return {"orders", "orders", &readOrdersSettings, {{"orders_days", 400}, {"orders_standing_days", 400}},
            &makeOrdersServices, &makeOrdersUsageSource};
}

}  // namespace vk::services::orders
