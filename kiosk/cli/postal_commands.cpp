#include "kiosk/cli/postal_commands.h"

#include "kiosk/services/kiosk_runtime.h"
#include "kiosk/services/postal/postal_area.h"
#include "kiosk/services/postal/postal_receipts.h"

#include <nlohmann/json.hpp>

#include <ostream>

namespace vk::cli {
namespace {

namespace postal = services::postal;
using nlohmann::json;

const services::StaffSession& commandLine() { return services::systemActor(services::SystemActor::CommandLine); }

// Amounts for people in euros with a comma; for scripts in cents.
std::string euros(std::int64_t cents) { return postal::formatCents(cents); }

json reportJson(const postal::DayReport& report) {
    json items = json::array();
    for (const auto& item : report.items)
        items.push_back({{"item_id", item.itemId}, {"name", item.name}, {"quantity", item.quantity},
                         {"total_cents", item.totalCents}});
    json methods = json::object();
    for (const auto& method : report.methods)
        methods[storage::paymentMethodKey(method.method)] = {{"sales", method.sales}, {"total_cents", method.totalCents}};
    json result{{"day", report.day},
                {"closed", report.closed()},
                {"sales", report.saleCount},
                {"corrections", report.correctionCount},
                {"registered_letters", report.registeredLetters},
                {"total_cents", report.totalCents},
                {"items", items},
                {"payment_methods", methods},
                {"cod_cents", report.codCents ? json(*report.codCents) : json(nullptr)}};
    if (report.closing) {
        result["closing_id"] = report.closing->id;
        result["closed_at"] = report.closing->closedAt;
        result["closed_by"] = report.closing->closedBy;
    }
    return result;
}

void printReport(const postal::DayReport& report, std::ostream& out) {
    out << "Postal counter, " << report.day << (report.closed() ? " (closed)" : " (open)") << "\n";
    for (const auto& item : report.items)
        out << "  " << item.name << "  x" << item.quantity << "  " << euros(item.totalCents) << "\n";
    for (const auto& method : report.methods)
        out << "  " << storage::paymentMethodKey(method.method) << ": " << method.sales << " sale(s), "
            << euros(method.totalCents) << "\n";
    out << "  registered letters: " << report.registeredLetters << "\n";
    out << "  sales: " << report.saleCount << " (counter-entries: " << report.correctionCount << ")\n";
    if (report.codCents) out << "  cash on delivery (relay point): " << euros(*report.codCents) << "\n";
    out << "  total: " << euros(report.totalCents) << "\n";
}

int refused(postal::PostalError error, const std::string& failure, std::ostream& err) {
    err << "village-kiosk postal: " << postal::postalErrorMessage(error);
    if (!failure.empty()) err << ": " << failure;
    err << "\n";
    return 1;
}

int closeDay(services::KioskRuntime& runtime, const CommandArguments& arguments, std::ostream& out, std::ostream& err) {
    auto& area = runtime.area<postal::PostalServices>();
    const postal::ClosingResult result = area.closeDay(&commandLine(), arguments.option("day").value_or(""));
    if (!result.ok()) return refused(result.error, result.failure, err);
    if (arguments.flag("print")) runtime.printer->submit(postal::closingReceipt(*result.report, runtime.config.villageName));
    if (arguments.json())
        out << reportJson(*result.report).dump() << "\n";
    else
        printReport(*result.report, out);
    return 0;
}

int sales(services::KioskRuntime& runtime, const CommandArguments& arguments, std::ostream& out) {
    auto& area = runtime.area<postal::PostalServices>();
    const std::string day = arguments.option("day").value_or(area.counter.today());
    const postal::DayReport report = area.report(day);
    const auto list = area.counter.salesOfDay(report.day);
    runtime.staff.audit(&commandLine(), "postal.sales.list", {{"of_day", report.day}});
    if (arguments.json()) {
        json sales = json::array();
        for (const auto& sale : list) {
            json lines = json::array();
            for (const auto& line : sale.lines)
                lines.push_back({{"item_id", line.itemId}, {"name", line.itemName}, {"quantity", line.quantity},
                                 {"unit_price_cents", line.unitPriceCents}});
            json letters = json::array();
            for (const auto& letter : sale.letters)
                letters.push_back({{"number", letter.number}, {"recipient_town", letter.recipientTown},
                                   {"with_receipt", letter.withReceipt}});
            sales.push_back({{"id", sale.id}, {"sold_at", sale.soldAt},
                             {"payment_method", storage::paymentMethodKey(sale.method)},
                             {"total_cents", sale.totalCents},
                             {"corrects_sale_id", sale.correctsSaleId ? json(*sale.correctsSaleId) : json(nullptr)},
                             {"lines", lines}, {"registered_letters", letters}});
        }
        json result = reportJson(report);
        result["sale_list"] = sales;
        out << result.dump() << "\n";
        return 0;
    }
    for (const auto& sale : list) {
        out << sale.id << "  " << storage::paymentMethodKey(sale.method) << "  " << euros(sale.totalCents);
        if (sale.correctsSaleId) out << "  corrects " << *sale.correctsSaleId;
        out << "\n";
        for (const auto& letter : sale.letters) out << "    registered " << letter.number << "\n";
    }
    printReport(report, out);
    return 0;
}

int catalogue(services::KioskRuntime& runtime, const CommandArguments& arguments, std::ostream& out) {
    auto& counter = runtime.area<postal::PostalServices>().counter;
    const auto entries = counter.catalogue();
    runtime.staff.audit(&commandLine(), "postal.catalogue.list");
    if (arguments.json()) {
        json items = json::array();
        for (const auto& entry : entries) {
            json item{{"id", entry.item.id}, {"code", entry.item.code}, {"name", entry.item.name},
                      {"kind", storage::postalItemKindKey(entry.item.kind)},
                      {"with_receipt", entry.item.withReceipt},
                      {"price_today_cents", entry.priceTodayCents ? json(*entry.priceTodayCents) : json(nullptr)}};
            if (entry.nextPrice)
                item["next_price"] = {{"valid_from", entry.nextPrice->validFrom},
                                      {"price_cents", entry.nextPrice->priceCents}};
            items.push_back(item);
        }
        out << json{{"day", counter.today()}, {"items", items}}.dump() << "\n";
        return 0;
    }
    for (const auto& entry : entries) {
        out << entry.item.code << "  " << entry.item.name << "  "
            << (entry.priceTodayCents ? euros(*entry.priceTodayCents) : std::string("no price today"));
        if (entry.nextPrice)
            out << "  (from " << entry.nextPrice->validFrom << ": " << euros(entry.nextPrice->priceCents) << ")";
        out << "\n";
    }
    return 0;
}

constexpr const char* kUsage =
    "  village-kiosk postal catalogue [--json]\n"
    "  village-kiosk postal sales [--day YYYY-MM-DD] [--json]\n"
    "  village-kiosk postal close-day [--day YYYY-MM-DD] [--print] [--json]\n";

}  // namespace

int runPostalCommand(services::KioskRuntime& runtime, const CommandArguments& arguments, std::istream& in,
                     std::ostream& out, std::ostream& err) {
    (void)in;
    const std::string action = arguments.action();
    if (!arguments.error.empty() || arguments.positional.size() != 1) {
        err << "village-kiosk postal: " << (arguments.error.empty() ? "say what to do" : arguments.error) << "\n\n"
            << kUsage;
        return 2;
    }
    try {
        if (action == "close-day") return closeDay(runtime, arguments, out, err);
        if (action == "sales") return sales(runtime, arguments, out);
        if (action == "catalogue") return catalogue(runtime, arguments, out);
    } catch (const std::exception& e) {
        err << "village-kiosk postal: " << e.what() << "\n";
        return 1;
    }
    err << "village-kiosk postal: unknown command « " << action << " »\n\n" << kUsage;
    return 2;
}

const AreaCommand kPostalCommand{"postal", kUsage, {"print"}, &runPostalCommand};

}  // namespace vk::cli
