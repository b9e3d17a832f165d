#include "kiosk/cli/orders_commands.h"

#include "kiosk/services/kiosk_runtime.h"
#include "kiosk/services/orders/orders_area.h"
#include "kiosk/services/user_text.h"

#include <nlohmann/json.hpp>

#include <charconv>
#include <cstdio>
#include <fstream>
#include <ostream>

namespace vk::cli {
namespace {

using nlohmann::json;
namespace orders = services::orders;

const services::StaffSession& commandLine() { return services::systemActor(services::SystemActor::CommandLine); }

std::optional<std::int64_t> wholeNumber(const std::string& text) {
    std::int64_t value = 0;
    const auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), value);
    if (error != std::errc() || end != text.data() + text.size()) return std::nullopt;
    return value;
}

// A quantity out of int's range is out of the order's too: the service refuses it with its own message.
int clampedQuantity(std::int64_t value) {
    return value < 0 ? -1 : value > orders::OrderBook::kMaxQuantity ? orders::OrderBook::kMaxQuantity + 1
                                                                     : static_cast<int>(value);
}

int wrongArguments(std::ostream& err, const std::string& why) {
    err << "village-kiosk orders: " << why << "\n\n" << ordersCommand().usage;
    return 2;
}

int refused(std::ostream& err, orders::OrderError error, const std::string& nextDay = {}, const std::string& more = {}) {
    err << "village-kiosk orders: " << orders::describeError(error, nextDay) << more << "\n";
    return 1;
}

std::vector<std::string> commaList(const std::string& text) {
    std::vector<std::string> items;
    for (std::string& item : storage::splitWeekdays(text)) {
        const std::string clean = services::cleanUserText(item, 10);
        if (!clean.empty()) items.push_back(clean);
    }
    return items;
}

json linesJson(const orders::Order& order) {
    json lines = json::array();
    for (const auto& line : order.lines)
        lines.push_back({{"item_id", line.itemId},
                         {"item", line.itemName},
                         {"quantity", line.quantity},
                         {"unit_price_cents", line.unitPriceCents}});
    return lines;
}

json orderJson(const orders::Order& order) {
    return json{{"id", order.id},
                {"supplier_id", order.supplierId},
                {"customer_member_id", order.customerMemberId ? json(*order.customerMemberId) : json(nullptr)},
                {"customer", order.customerName},
                {"day", order.deliveryDay},
                {"state", storage::orderStateKey(order.state)},
                {"payment", order.payment ? json(storage::orderPaymentKey(*order.payment)) : json(nullptr)},
                {"source", storage::orderSourceKey(order.source)},
                {"standing_order_id", order.standingOrderId ? json(*order.standingOrderId) : json(nullptr)},
                {"total_cents", order.totalCents},
                {"key", order.dedupeKey},
                {"lines", linesJson(order)}};
}

json supplierJson(const orders::Supplier& supplier) {
    return json{{"id", supplier.id},
                {"name", supplier.name},
                {"email", supplier.email},
                {"delivers", supplier.deliveryDays},
                {"cutoff", supplier.cutoffTime},
                {"cutoff_days_before", supplier.cutoffDaysBefore},
                {"list_per_customer", supplier.listPerCustomer}};
}

std::optional<orders::SupplierForm> supplierForm(const CommandArguments& arguments, std::ostream& err, int& exitCode) {
    const auto name = arguments.option("name");
    const auto delivers = arguments.option("delivers");
    if (!name || !delivers) {
        exitCode = wrongArguments(err, "add-supplier needs --name NAME and --delivers mon,tue,…");
        return std::nullopt;
    }
    orders::SupplierForm form;
    form.name = *name;
    form.deliveryDays = commaList(*delivers);
    form.cutoffTime = arguments.option("cutoff").value_or("18:00");
    form.email = arguments.option("email").value_or("");
    form.listPerCustomer = arguments.flag("per-customer");
    if (const auto days = arguments.option("days-before")) {
        const auto value = wholeNumber(*days);
        if (!value) {
            exitCode = wrongArguments(err, "--days-before takes a whole number of days");
            return std::nullopt;
        }
        form.cutoffDaysBefore = *value < 0 || *value > 14 ? -1 : static_cast<int>(*value);
    }
    return form;
}

int runAddSupplier(orders::OrderBook& book, const CommandArguments& arguments, std::ostream& out, std::ostream& err) {
    int exitCode = 0;
    const auto form = supplierForm(arguments, err, exitCode);
    if (!form) return exitCode;
    const auto change = book.addSupplier(&commandLine(), *form);
    if (!change.ok()) return refused(err, change.error);
    if (arguments.json()) out << supplierJson(*change.supplier).dump() << "\n";
    else out << change.supplier->id << "\n";
    return 0;
}

int runRemoveSupplier(orders::OrderBook& book, const CommandArguments& arguments, std::ostream& out,
                      std::ostream& err) {
    const auto supplier = arguments.option("supplier");
    if (!supplier) return wrongArguments(err, "remove-supplier needs --supplier ID");
    const auto change = book.removeSupplier(&commandLine(), *supplier);
    if (change.error == orders::OrderError::SupplierHasOpenOrders)
        return refused(err, change.error, {},
                       " (" + std::to_string(change.openOrders) + " open, the first on " + change.firstOpenDay + ")");
    if (!change.ok()) return refused(err, change.error);
    if (arguments.json()) out << json{{"removed", *supplier}}.dump() << "\n";
    else out << "removed " << *supplier << "\n";
    return 0;
}

int runHoliday(orders::OrderBook& book, const CommandArguments& arguments, std::ostream& out, std::ostream& err) {
    const auto supplier = arguments.option("supplier");
    const auto from = arguments.option("from");
    const auto to = arguments.option("to");
    if (!supplier || !from) return wrongArguments(err, "holiday needs --supplier ID --from DAY [--to DAY]");
    const auto change = book.addHoliday(&commandLine(), *supplier, *from, to.value_or(*from));
    if (!change.ok()) return refused(err, change.error);
    if (arguments.json())
        out << json{{"supplier_id", *supplier}, {"from", *from}, {"to", to.value_or(*from)},
                    {"orders_already_placed", change.openOrders}}
                   .dump()
            << "\n";
    else {
        out << "holiday recorded\n";
        if (change.openOrders > 0)
            out << change.openOrders << " order(s) already placed for those days, the first on " << change.firstOpenDay
                << ": tell the customers\n";
    }
    return 0;
}

int runAddItem(orders::OrderBook& book, const CommandArguments& arguments, std::ostream& out, std::ostream& err) {
    const auto supplier = arguments.option("supplier");
    const auto name = arguments.option("name");
    const auto price = arguments.option("price-cents");
    if (!supplier || !name || !price) return wrongArguments(err, "add-item needs --supplier ID --name NAME --price-cents N");
    const auto cents = wholeNumber(*price);
    if (!cents) return wrongArguments(err, "--price-cents takes a whole number of cents");
    const auto change = book.addItem(&commandLine(), *supplier, *name, *cents);
    if (!change.ok()) return refused(err, change.error);
    if (arguments.json())
        out << json{{"id", change.item->id}, {"supplier_id", *supplier}, {"name", change.item->name},
                    {"price_cents", change.item->priceCents}}
                   .dump()
            << "\n";
    else out << change.item->id << "\n";
    return 0;
}

int runEditItem(orders::OrderBook& book, const CommandArguments& arguments, std::ostream& out, std::ostream& err) {
    const auto itemId = arguments.option("item");
    if (!itemId) return wrongArguments(err, "edit-item needs --item ID");
    auto item = book.store().item(*itemId);
    if (!item) return refused(err, orders::OrderError::ItemUnknown);
    if (const auto name = arguments.option("name")) item->name = *name;
    if (const auto price = arguments.option("price-cents")) {
        const auto cents = wholeNumber(*price);
        if (!cents) return wrongArguments(err, "--price-cents takes a whole number of cents");
        item->priceCents = *cents;
    }
    if (const auto sold = arguments.option("sold")) {
        if (*sold != "yes" && *sold != "no") return wrongArguments(err, "--sold takes yes or no");
        item->sold = *sold == "yes";
    }
    const auto change = book.editItem(&commandLine(), *item);
    if (!change.ok()) return refused(err, change.error);
    if (arguments.json())
        out << json{{"id", change.item->id}, {"name", change.item->name}, {"price_cents", change.item->priceCents},
                    {"sold", change.item->sold}, {"open_orders_with_it", change.openOrders}}
                   .dump()
            << "\n";
    else out << "item " << change.item->id << " saved\n";
    return 0;
}

int runSuppliers(orders::OrderBook& book, const CommandArguments& arguments, std::ostream& out) {
    json list = json::array();
    for (const auto& supplier : book.suppliers()) {
        json items = json::array();
        for (const auto& item : book.catalogue(supplier.id, false))
            items.push_back({{"id", item.id}, {"name", item.name}, {"price_cents", item.priceCents}, {"sold", item.sold}});
        json holidays = json::array();
        for (const auto& holiday : book.holidays(supplier.id))
            holidays.push_back({{"from", holiday.firstDay}, {"to", holiday.lastDay}});
        if (arguments.json()) {
            json object = supplierJson(supplier);
            object["items"] = items;
            object["holidays"] = holidays;
            list.push_back(object);
            continue;
        }
        out << supplier.id << "  " << supplier.name << "  " << storage::joinWeekdays(supplier.deliveryDays)
            << "  before " << supplier.cutoffTime << ", " << supplier.cutoffDaysBefore << " day(s) before\n";
        for (const auto& item : book.catalogue(supplier.id, false))
            out << "    " << item.id << "  " << item.name << "  " << orders::formatCents(item.priceCents)
                << (item.sold ? "" : "  (no longer sold)") << "\n";
        for (const auto& holiday : book.holidays(supplier.id))
            out << "    holiday " << holiday.firstDay << " – " << holiday.lastDay << "\n";
    }
    if (arguments.json()) out << json{{"suppliers", list}}.dump() << "\n";
    else if (list.empty() && book.suppliers().empty()) out << "no suppliers\n";
    return 0;
}

// --customer ID (a member) or --customer-name NAME (a one-off).
bool readCustomer(const CommandArguments& arguments, orders::Customer& customer) {
    const auto member = arguments.option("customer");
    const auto name = arguments.option("customer-name");
    if (member.has_value() == name.has_value()) return false;
    customer.memberId = member.value_or("");
    customer.name = name.value_or("");
    return true;
}

int runPlace(orders::OrderBook& book, const CommandArguments& arguments, std::ostream& out, std::ostream& err) {
    const auto supplier = arguments.option("supplier");
    const auto item = arguments.option("item");
    const auto quantity = arguments.option("quantity");
    const auto day = arguments.option("for");
    orders::PlaceRequest request;
    if (!supplier || !item || !quantity || !day || !readCustomer(arguments, request.customer))
        return wrongArguments(err, "place needs --customer ID (or --customer-name NAME), --supplier ID, --item ID, "
                                   "--quantity N and --for YYYY-MM-DD");
    const auto count = wholeNumber(*quantity);
    if (!count) return wrongArguments(err, "--quantity takes a whole number");
    request.supplierId = *supplier;
    request.day = *day;
    request.items = {{*item, clampedQuantity(*count)}};
    request.source = orders::OrderSource::Counter;
    request.dedupeKey = arguments.option("key").value_or("");
    const auto result = book.place(&commandLine(), request);
    if (!result.ok()) return refused(err, result.error, result.nextPossibleDay);
    if (arguments.json()) {
        json object = orderJson(*result.order);
        object["already_placed"] = result.alreadyPlaced;
        out << object.dump() << "\n";
        return 0;
    }
    out << result.order->id << "\n";
    err << (result.alreadyPlaced ? "already placed under this key: " : "placed: ") << result.order->customerName
        << ", " << result.order->deliveryDay << ", " << orders::formatCents(result.order->totalCents) << "\n";
    return 0;
}

int runStanding(orders::OrderBook& book, const CommandArguments& arguments, std::ostream& out, std::ostream& err) {
    const auto supplier = arguments.option("supplier");
    const auto item = arguments.option("item");
    const auto quantity = arguments.option("quantity");
    const auto days = arguments.option("days");
    orders::StandingRequest request;
    if (!supplier || !item || !quantity || !days || !readCustomer(arguments, request.customer))
        return wrongArguments(err, "standing needs --customer ID (or --customer-name NAME), --supplier ID, --item ID, "
                                   "--quantity N and --days sat,sun");
    const auto count = wholeNumber(*quantity);
    if (!count) return wrongArguments(err, "--quantity takes a whole number");
    request.supplierId = *supplier;
    request.itemId = *item;
    request.quantity = clampedQuantity(*count);
    request.weekdays = commaList(*days);
    request.firstDay = arguments.option("from").value_or("");
    const auto result = book.addStanding(&commandLine(), request);
    if (!result.ok()) return refused(err, result.error);
    json skips = json::array();
    for (const auto& skip : result.skipsAhead)
        skips.push_back({{"day", skip.day}, {"reason", orders::errorKey(skip.reason)}});
    if (arguments.json()) {
        out << json{{"id", result.standing->id}, {"customer", result.standing->customerName},
                    {"days", result.standing->weekdays}, {"quantity", result.standing->quantity},
                    {"skipped_ahead", skips}}
                   .dump()
            << "\n";
        return 0;
    }
    out << result.standing->id << "\n";
    for (const auto& skip : result.skipsAhead)
        err << "not delivered on " << skip.day << ": " << orders::describeError(skip.reason) << "\n";
    return 0;
}

int runPause(orders::OrderBook& book, const CommandArguments& arguments, std::ostream& out, std::ostream& err) {
    const auto standing = arguments.option("standing");
    const auto from = arguments.option("from");
    if (!standing || !from) return wrongArguments(err, "pause needs --standing ID --from DAY [--to DAY]");
    const auto result = book.pauseStanding(&commandLine(), *standing, *from, arguments.option("to").value_or(*from));
    if (!result.ok()) return refused(err, result.error);
    if (arguments.json()) out << json{{"paused", *standing}}.dump() << "\n";
    else out << "paused\n";
    return 0;
}

int runList(orders::OrdersServices& area, const CommandArguments& arguments, std::ostream& out, std::ostream& err) {
    const auto supplier = arguments.option("supplier");
    const auto day = arguments.option("for");
    if (!supplier || !day) return wrongArguments(err, "list needs --supplier ID --for YYYY-MM-DD");
    if (!area.book.supplier(*supplier)) return refused(err, orders::OrderError::SupplierUnknown);
    const auto list = area.book.supplierList(*supplier, *day);
    if (list.day.empty() || list.supplier.id.empty()) return refused(err, orders::OrderError::DayInvalid);
    if (arguments.flag("print")) area.printList(*supplier, *day);
    if (arguments.json()) {
        json items = json::array();
        for (const auto& item : list.items)
            items.push_back({{"item_id", item.itemId}, {"item", item.itemName}, {"quantity", item.quantity},
                             {"amount_cents", item.amountCents}});
        json customers = json::array();
        for (const auto& order : list.orders) customers.push_back(orderJson(order));
        json skipped = json::array();
        for (const auto& skip : list.skipped)
            skipped.push_back({{"standing_order_id", skip.standingOrderId}, {"customer", skip.customerName},
                               {"item", skip.itemName}, {"paused", skip.paused},
                               {"reason", skip.paused ? "paused" : orders::errorKey(skip.reason)}});
        out << json{{"supplier_id", *supplier}, {"day", *day}, {"cutoff_passed", list.cutoffPassed},
                    {"items", items}, {"orders", customers}, {"skipped", skipped},
                    {"total_quantity", list.totalQuantity}, {"total_cents", list.totalCents}}
                   .dump()
            << "\n";
        return 0;
    }
    out << list.supplier.name << ", " << *day << (list.cutoffPassed ? " (closed)" : " (still open)") << "\n";
    for (const auto& item : list.items)
        out << "  " << item.quantity << " x " << item.itemName << "  " << orders::formatCents(item.amountCents) << "\n";
    out << "  total " << list.totalQuantity << " item(s), " << orders::formatCents(list.totalCents) << ", "
        << list.orders.size() << " order(s)\n";
    for (const auto& order : list.orders) {
        out << order.id << "  " << order.customerName << "  " << storage::orderStateKey(order.state) << "\n";
        for (const auto& line : order.lines) out << "    " << line.quantity << " x " << line.itemName << "\n";
    }
    for (const auto& skip : list.skipped)
        out << "skipped: " << skip.customerName << ", " << skip.itemName << " ("
            << (skip.paused ? std::string("paused") : orders::describeError(skip.reason)) << ")\n";
    return 0;
}

int runPickup(orders::OrderBook& book, const CommandArguments& arguments, std::ostream& out, std::ostream& err) {
    const auto order = arguments.option("order");
    if (!order) return wrongArguments(err, "pickup needs --order ID [--paid cash|card|cheque|account]");
    const auto payment = storage::orderPaymentFromKey(arguments.option("paid").value_or("cash"));
    if (!payment) return wrongArguments(err, "--paid takes cash, card, cheque or account");
    const auto result = book.collect(&commandLine(), *order, *payment);
    if (!result.ok()) return refused(err, result.error);
    if (arguments.json()) {
        json object = orderJson(*result.order);
        object["account_balance_cents"] = result.order->customerMemberId ? json(result.accountBalance) : json(nullptr);
        out << object.dump() << "\n";
    } else {
        out << "handed over: " << result.order->customerName << ", " << orders::formatCents(result.order->totalCents)
            << " (" << storage::orderPaymentKey(*payment) << ")\n";
    }
    return 0;
}

int runCancel(orders::OrderBook& book, const CommandArguments& arguments, std::ostream& out, std::ostream& err) {
    const auto order = arguments.option("order");
    if (!order) return wrongArguments(err, "cancel needs --order ID");
    const auto result = book.cancel(&commandLine(), *order);
    if (!result.ok()) return refused(err, result.error);
    if (arguments.json()) out << orderJson(*result.order).dump() << "\n";
    else out << "cancelled " << *order << "\n";
    return 0;
}

int runUncollected(orders::OrderBook& book, const CommandArguments& arguments, std::ostream& out) {
    const auto left = book.uncollected();
    if (arguments.json()) {
        json list = json::array();
        for (const auto& order : left) list.push_back(orderJson(order));
        out << json{{"uncollected", list}}.dump() << "\n";
        return 0;
    }
    for (const auto& order : left)
        out << order.id << "  " << order.deliveryDay << "  " << order.customerName << "  "
            << orders::formatCents(order.totalCents) << "\n";
    if (left.empty()) out << "nothing left uncollected\n";
    return 0;
}

int runCounts(orders::OrderBook& book, const CommandArguments& arguments, std::ostream& out, std::ostream& err) {
    const auto month = arguments.option("month");
    if (!month) return wrongArguments(err, "counts needs --month YYYY-MM");
    const auto counts = book.monthlyCounts(*month);
    if (!counts) return wrongArguments(err, "--month takes a month as YYYY-MM");
    const auto& c = counts->counts;
    if (arguments.json())
        out << json{{"month", *month}, {"orders", c.orders}, {"items", c.items}, {"customers", c.customers},
                    {"collected", c.collected}, {"uncollected", c.uncollected}, {"total_cents", c.totalCents}}
                   .dump()
            << "\n";
    else
        out << *month << ": " << c.orders << " order(s), " << c.items << " item(s), " << c.customers
            << " customer(s), " << c.uncollected << " uncollected, " << orders::formatCents(c.totalCents) << "\n";
    return 0;
}

int runSettle(orders::OrderBook& book, const CommandArguments& arguments, std::ostream& out, std::ostream& err) {
    const auto member = arguments.option("member");
    const auto amount = arguments.option("amount-cents");
    if (!member || !amount) return wrongArguments(err, "settle needs --member ID --amount-cents N [--paid cash|card|cheque]");
    const auto cents = wholeNumber(*amount);
    if (!cents) return wrongArguments(err, "--amount-cents takes a whole number of cents");
    const auto payment = storage::orderPaymentFromKey(arguments.option("paid").value_or("cash"));
    if (!payment) return wrongArguments(err, "--paid takes cash, card or cheque");
    const auto result = book.settle(&commandLine(), *member, *cents, *payment, arguments.option("key").value_or(""));
    if (!result.ok()) return refused(err, result.error);
    if (arguments.json())
        out << json{{"entry_id", result.entry->id}, {"already_recorded", result.alreadyRecorded},
                    {"balance_cents", result.balanceCents}}
                   .dump()
            << "\n";
    else out << result.entry->id << "\n" << "owes now " << orders::formatCents(result.balanceCents) << "\n";
    return 0;
}

int runAccount(orders::OrderBook& book, const CommandArguments& arguments, std::ostream& out, std::ostream& err) {
    const auto member = arguments.option("member");
    if (!member) return wrongArguments(err, "account needs --member ID");
    const auto statement = book.account(*member);
    if (!statement) return refused(err, orders::OrderError::CustomerUnknown);
    static constexpr const char* kKinds[] = {"charge", "settlement", "correction"};
    if (arguments.json()) {
        json entries = json::array();
        for (const auto& entry : statement->entries)
            entries.push_back({{"id", entry.id}, {"kind", kKinds[static_cast<int>(entry.kind)]},
                               {"amount_cents", entry.amountCents}, {"order_id", entry.orderId ? json(*entry.orderId) : json(nullptr)},
                               {"note", entry.note}, {"at", entry.createdAt}});
        out << json{{"member_id", *member}, {"name", statement->memberName}, {"balance_cents", statement->balanceCents},
                    {"entries", entries}}
                   .dump()
            << "\n";
        return 0;
    }
    out << statement->memberName << "\n";
    for (const auto& entry : statement->entries)
        out << entry.id << "  " << kKinds[static_cast<int>(entry.kind)] << "  " << orders::formatCents(entry.amountCents)
            << (entry.note.empty() ? "" : "  " + entry.note) << "\n";
    out << "owes " << orders::formatCents(statement->balanceCents) << "\n";
    return 0;
}

int runExport(orders::OrderBook& book, const CommandArguments& arguments, std::ostream& out, std::ostream& err) {
    const auto file = arguments.option("csv");
    if (!file) return wrongArguments(err, "export needs --csv FILE");
    const std::string from = arguments.option("from").value_or("0000-01-01");
    const std::string to = arguments.option("to").value_or("9999-12-31");
    std::map<std::string, std::string> supplierNames;
    for (const auto& supplier : book.suppliers()) supplierNames[supplier.id] = supplier.name;
    const auto list = book.ordersBetween(from, to);
    const std::string partial = *file + ".partial";
    int lines = 0;
    {
        std::ofstream csv(partial, std::ios::binary | std::ios::trunc);
        csv << "order_id,day,supplier,customer,member_id,item,quantity,unit_price_cents,state,payment,source\r\n";
        for (const auto& order : list)
            for (const auto& line : order.lines) {
                const auto name = supplierNames.find(order.supplierId);
                csv << order.id << ',' << order.deliveryDay << ','
                    << services::csvField(name == supplierNames.end() ? order.supplierId : name->second) << ','
                    << services::csvField(order.customerName) << ',' << order.customerMemberId.value_or("") << ','
                    << services::csvField(line.itemName) << ',' << line.quantity << ',' << line.unitPriceCents << ','
                    << storage::orderStateKey(order.state) << ','
                    << (order.payment ? storage::orderPaymentKey(*order.payment) : "") << ','
                    << storage::orderSourceKey(order.source) << "\r\n";
                ++lines;
            }
        csv.flush();
        if (!csv) {
            std::remove(partial.c_str());
            err << "village-kiosk orders: cannot write " << *file << " (a full disk, or a folder you may not write)\n";
            return 1;
        }
    }
    if (std::rename(partial.c_str(), file->c_str()) != 0) {
        std::remove(partial.c_str());
        err << "village-kiosk orders: cannot write " << *file << "\n";
        return 1;
    }
    if (arguments.json()) out << json{{"file", *file}, {"orders", list.size()}, {"lines", lines}}.dump() << "\n";
    else out << list.size() << " order(s), " << lines << " line(s) written to " << *file << "\n";
    return 0;
}

}  // namespace

int runOrdersCommand(services::KioskRuntime& runtime, const CommandArguments& arguments, std::istream& in,
                     std::ostream& out, std::ostream& err) {
    (void)in;
    auto& area = runtime.area<orders::OrdersServices>();
    auto& book = area.book;
    const std::string action = arguments.action();
    if (action == "add-supplier") return runAddSupplier(book, arguments, out, err);
    if (action == "remove-supplier") return runRemoveSupplier(book, arguments, out, err);
    if (action == "holiday") return runHoliday(book, arguments, out, err);
    if (action == "add-item") return runAddItem(book, arguments, out, err);
    if (action == "edit-item") return runEditItem(book, arguments, out, err);
    if (action == "suppliers") return runSuppliers(book, arguments, out);
    if (action == "place") return runPlace(book, arguments, out, err);
    if (action == "standing") return runStanding(book, arguments, out, err);
    if (action == "pause") return runPause(book, arguments, out, err);
    if (action == "list") return runList(area, arguments, out, err);
    if (action == "pickup") return runPickup(book, arguments, out, err);
    if (action == "cancel") return runCancel(book, arguments, out, err);
    if (action == "uncollected") return runUncollected(book, arguments, out);
    if (action == "counts") return runCounts(book, arguments, out, err);
    if (action == "settle") return runSettle(book, arguments, out, err);
    if (action == "account") return runAccount(book, arguments, out, err);
    if (action == "export") return runExport(book, arguments, out, err);
    return wrongArguments(err, action.empty() ? "say what to do" : "unknown command « " + action + " »");
}

const AreaCommand& ordersCommand() {
    static const AreaCommand command{
        "orders",
        "  village-kiosk orders add-supplier --name NAME --delivers mon,tue,… --cutoff HH:MM [--days-before N]\n"
        "                [--email ADDRESS] [--per-customer] [--json]   --days-before 1: \"before HH:MM for tomorrow\"\n"
        "  village-kiosk orders remove-supplier --supplier ID [--json]   refused while it has open orders\n"
        "  village-kiosk orders holiday --supplier ID --from DAY [--to DAY] [--json]\n"
        "  village-kiosk orders add-item --supplier ID --name NAME --price-cents N [--json]\n"
        "  village-kiosk orders edit-item --item ID [--name NAME] [--price-cents N] [--sold yes|no] [--json]\n"
        "  village-kiosk orders suppliers [--json]   suppliers, their catalogues and holidays\n"
        "  village-kiosk orders place --customer ID|--customer-name NAME --supplier ID --item ID --quantity N\n"
        "                --for YYYY-MM-DD [--key K] [--json]   refused (exit 1) with the next possible day\n"
        "  village-kiosk orders standing --customer ID|--customer-name NAME --supplier ID --item ID --quantity N\n"
        "                --days sat,sun [--from DAY] [--json]\n"
        "  village-kiosk orders pause --standing ID --from DAY [--to DAY] [--json]\n"
        "  village-kiosk orders list --supplier ID --for YYYY-MM-DD [--print] [--json]   the supplier's list\n"
        "  village-kiosk orders pickup --order ID [--paid cash|card|cheque|account] [--json]\n"
        "  village-kiosk orders cancel --order ID [--json]\n"
        "  village-kiosk orders uncollected [--json]\n"
        "  village-kiosk orders counts --month YYYY-MM [--json]   orders, items, customers, uncollected\n"
        "  village-kiosk orders settle --member ID --amount-cents N [--paid cash|card|cheque] [--key K] [--json]\n"
        "  village-kiosk orders account --member ID [--json]   the member's account with the café\n"
        "  village-kiosk orders export --csv FILE [--from DAY] [--to DAY] [--json]\n",
        {"per-customer", "print"},
        &runOrdersCommand};
    return command;
}

}  // namespace vk::cli
