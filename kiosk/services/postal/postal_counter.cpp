#include "kiosk/services/postal/postal_counter.h"

#include "kiosk/services/health/local_days.h"
#include "kiosk/services/postal/registered_number.h"
#include "kiosk/services/user_text.h"
#include "storage/write_failure.h"

#include <algorithm>
#include <exception>
#include <functional>
#include <map>
#include <set>

namespace vk::services::postal {
namespace {

// La Poste's public tariffs from 1 January 2026 (as announced on 28 July 2025; see docs/postal.md for the sources
// and which prices are still to check against the counter's own tariff sheet).
struct DefaultItem {
    const char* code;
    const char* name;
    PostalItemKind kind;
    bool withReceipt;
    std::int64_t priceCents;
};
constexpr const char* kDefaultPricesFrom = "2026-01-01";
constexpr DefaultItem kDefaultCatalogue[] = {
    {"lettre_verte", "Lettre verte 20\u00a0g", PostalItemKind::Stamp, false, 152},
    {"lettre_services_plus", "Lettre services plus 20\u00a0g", PostalItemKind::Stamp, false, 347},
    {"lettre_internationale", "Lettre internationale 20\u00a0g", PostalItemKind::Stamp, false, 225},
    {"pap_lettre_verte", "Prêt-à-Poster lettre verte", PostalItemKind::Prepaid, false, 180},
    {"pap_colissimo_s", "Prêt-à-Poster Colissimo boîte S", PostalItemKind::Prepaid, false, 1250},
    {"recommande", "Lettre recommandée 20\u00a0g", PostalItemKind::Registered, false, 611},
    {"recommande_ar", "Lettre recommandée 20\u00a0g avec AR", PostalItemKind::Registered, true, 751},
};

constexpr const char* kDayClosedMessage = "postal day closed";

bool isDayClosedError(const std::exception& e) {
    return std::string_view(e.what()).find(kDayClosedMessage) != std::string_view::npos;
}

// "YYYY-MM-DD" or "DD/MM/YYYY" → "YYYY-MM-DD".
std::optional<std::string> parseDay(std::string_view typed) {
    const std::string text = cleanUserText(typed, 16);
    std::string day = text;
    if (text.size() == 10 && text[2] == '/' && text[5] == '/')
        day = text.substr(6, 4) + "-" + text.substr(3, 2) + "-" + text.substr(0, 2);
    if (!health::isValidDay(day)) return std::nullopt;
    return day;
}

std::string lettersDetail(const Sale& sale) {
    std::string detail;
    for (const RegisteredLetter& letter : sale.letters) detail += (detail.empty() ? "" : ", ") + letter.number;
    return detail;
}

}  // namespace

bool mayRunPostalCounter(const StaffSession* actor) {
    return actor != nullptr && (actor->role == StaffRole::CafeManager || actor->role == StaffRole::Admin);
}

std::string postalErrorMessage(PostalError error) {
    switch (error) {
    case PostalError::None: return "";
    case PostalError::NotAllowed: return "only the café manager or an admin may use the postal counter";
    case PostalError::NotFound: return "no such item or sale (see: village-kiosk postal catalogue / postal sales)";
    case PostalError::EmptySale: return "the sale has no item";
    case PostalError::QuantityInvalid:
        return "a quantity is a whole number from 1 to " + std::to_string(PostalCounter::kMaxQuantity);
    case PostalError::TooManyLines: return "a sale has at most " + std::to_string(PostalCounter::kMaxLines) + " lines";
    case PostalError::NoPrice: return "an item has no price valid today";
    case PostalError::LetterNumberInvalid:
        return "a registered letter number is 13 characters: 1A + 11 digits, or RR123456785FR with a correct check digit";
    case PostalError::LetterNumberTwice: return "this registered letter number is already logged";
    case PostalError::LetterNotRegistered: return "a letter number goes with a registered letter item only";
    case PostalError::LetterNeedsNumber: return "a registered letter is sold with its number";
    case PostalError::DayClosed: return "today is closed at the postal counter; no sale can be added to it";
    case PostalError::AlreadyCorrected: return "this sale already has its counter-entry";
    case PostalError::IsCorrection: return "a counter-entry cannot be corrected; make a new sale instead";
    case PostalError::NameInvalid: return "the name is empty once control characters are removed";
    case PostalError::PriceInvalid: return "a price is from 0 to 10 000 euros, in cents";
    case PostalError::DayInvalid: return "the day is not a date (YYYY-MM-DD or DD/MM/YYYY)";
    case PostalError::PriceInPast: return "a new price starts today or later; past sales keep their prices";
    case PostalError::FutureDay: return "a day can be closed once it has begun";
    case PostalError::AlreadyClosed: return "this day is already closed";
    case PostalError::StorageFailed: return "the database could not store it";
    }
    return "";
}

PostalCounter::PostalCounter(storage::Database& db, const Clock& clock, StaffService& staff)
    : store_(db), clock_(clock), staff_(staff) {}

bool PostalCounter::refuseUnlessAllowed(const StaffSession* actor, const char* action) {
    if (mayRunPostalCounter(actor)) return false;
    staff_.audit(actor, "postal.refused", {{"attempt_key", std::string("audit.attempt.") + action}});
    return true;
}

bool PostalCounter::seedDefaultCatalogue() {
    try {
        if (store_.itemRowsEver() > 0) return false;
        const std::int64_t now = clock_.nowMs();
        store_.inTransaction([&] {
            int order = 0;
            for (const DefaultItem& entry : kDefaultCatalogue) {
                const PostalItem item = store_.insertItem(
                    {"", entry.code, entry.name, entry.kind, entry.withReceipt, order}, now);
                order += 10;
                store_.setPrice(item.id, kDefaultPricesFrom, entry.priceCents, now);
            }
            staff_.audit(&systemActor(SystemActor::Kiosk), "postal.catalogue.seed");
        });
        return true;
    } catch (const std::exception&) {
        return false;  // a read-only or full database: the counter starts empty and the next start tries again
    }
}

std::string PostalCounter::today() const { return health::localDay(clock_.nowMs()); }

// ---- Catalogue ----

std::vector<CatalogueEntry> PostalCounter::catalogue() {
    const std::string day = today();
    std::vector<CatalogueEntry> entries;
    for (const PostalItem& item : store_.items()) {
        CatalogueEntry entry{item, std::nullopt, std::nullopt};
        if (const auto price = store_.priceOn(item.id, day)) entry.priceTodayCents = price->priceCents;
        // The history is newest first: the last live one after today is the next to start.
        for (const PostalPrice& price : store_.priceHistory(item.id))
            if (price.validFrom > day && !price.replaced) entry.nextPrice = price;
        entries.push_back(std::move(entry));
    }
    return entries;
}

std::optional<PostalItem> PostalCounter::item(const std::string& itemId) { return store_.findItem(itemId); }
std::optional<PostalItem> PostalCounter::itemByCode(const std::string& code) { return store_.findItemByCode(code); }

std::optional<std::int64_t> PostalCounter::priceOn(const std::string& itemId, const std::string& day) {
    const auto price = store_.priceOn(itemId, day);
    if (!price) return std::nullopt;
    return price->priceCents;
}

std::vector<PostalPrice> PostalCounter::priceHistory(const std::string& itemId) { return store_.priceHistory(itemId); }

CatalogueChange PostalCounter::setPrice(const StaffSession* actor, const std::string& itemId,
                                        const std::string& validFrom, std::int64_t priceCents) {
    if (refuseUnlessAllowed(actor, "set_price")) return {PostalError::NotAllowed};
    const auto found = store_.findItem(itemId);
    if (!found) return {PostalError::NotFound};
    const auto day = parseDay(validFrom);
    if (!day) return {PostalError::DayInvalid};
    if (*day < today()) return {PostalError::PriceInPast};
    if (priceCents < 0 || priceCents > kMaxPriceCents) return {PostalError::PriceInvalid};
    try {
        store_.inTransaction([&] {
            store_.setPrice(itemId, *day, priceCents, clock_.nowMs());
            staff_.audit(actor, "postal.price",
                         {{"item", found->name}, {"from_day", *day}, {"price_cents", std::to_string(priceCents)}});
        });
    } catch (const std::exception& e) {
        return {PostalError::StorageFailed, std::nullopt, storage::describeWriteFailure(e)};
    }
    return {PostalError::None, found};
}

CatalogueChange PostalCounter::addItem(const StaffSession* actor, const std::string& name, PostalItemKind kind,
                                       bool withReceipt, const std::string& validFrom, std::int64_t priceCents) {
    if (refuseUnlessAllowed(actor, "add_postal_item")) return {PostalError::NotAllowed};
    const std::string clean = cleanUserText(name, kMaxNameLength);
    if (clean.empty()) return {PostalError::NameInvalid};
    const auto day = parseDay(validFrom);
    if (!day) return {PostalError::DayInvalid};
    if (*day < today()) return {PostalError::PriceInPast};
    if (priceCents < 0 || priceCents > kMaxPriceCents) return {PostalError::PriceInvalid};
    std::optional<PostalItem> added;
    try {
        store_.inTransaction([&] {
            const std::int64_t now = clock_.nowMs();
            int order = 0;
            for (const PostalItem& existing : store_.items()) order = std::max(order, existing.sortOrder + 10);
            // A code scripts can use, unique whatever the name: the record id's tail.
            PostalItem item{"", "", clean, kind, kind == PostalItemKind::Registered && withReceipt, order};
            item.code = "item_" + std::to_string(now);
            for (int n = 2; store_.findItemByCode(item.code); ++n) item.code = "item_" + std::to_string(now) + "_" + std::to_string(n);
            added = store_.insertItem(item, now);
            store_.setPrice(added->id, *day, priceCents, now);
            staff_.audit(actor, "postal.item.add", {{"item", added->name}, {"price_cents", std::to_string(priceCents)}});
        });
    } catch (const std::exception& e) {
        return {PostalError::StorageFailed, std::nullopt, storage::describeWriteFailure(e)};
    }
    return {PostalError::None, added};
}

// ---- Sales ----

SaleResult PostalCounter::sell(const StaffSession* actor, const SaleRequest& request) {
    if (refuseUnlessAllowed(actor, "sell")) return {PostalError::NotAllowed};
    const std::string day = today();
    if (store_.closingOf(day)) return {PostalError::DayClosed};
    if (request.lines.size() + request.letters.size() > kMaxLines) return {PostalError::TooManyLines};

    // Quantities by item, in the order first met; letters add one unit each to their registered item.
    std::vector<std::string> order;
    std::map<std::string, long long> quantities;
    std::map<std::string, PostalItem> items;
    const auto itemOf = [&](const std::string& itemId) -> const PostalItem* {
        auto known = items.find(itemId);
        if (known != items.end()) return &known->second;
        const auto found = store_.findItem(itemId);
        if (!found) return nullptr;
        return &items.emplace(itemId, *found).first->second;
    };
    const auto add = [&](const std::string& itemId, long long quantity) {
        if (!quantities.count(itemId)) order.push_back(itemId);
        quantities[itemId] += quantity;
    };
    for (const SaleRequest::Line& line : request.lines) {
        if (line.quantity < 1 || line.quantity > kMaxQuantity) return {PostalError::QuantityInvalid};
        const PostalItem* item = itemOf(line.itemId);
        if (!item) return {PostalError::NotFound};
        if (item->kind == PostalItemKind::Registered) return {PostalError::LetterNeedsNumber};
        add(line.itemId, line.quantity);
    }
    std::vector<RegisteredLetter> letters;
    std::set<std::string> numbers;
    for (const SaleRequest::Letter& letter : request.letters) {
        const PostalItem* item = itemOf(letter.itemId);
        if (!item) return {PostalError::NotFound};
        if (item->kind != PostalItemKind::Registered) return {PostalError::LetterNotRegistered};
        const RegisteredNumberCheck number = checkRegisteredNumber(letter.number);
        if (!number.ok()) return {PostalError::LetterNumberInvalid};
        if (!numbers.insert(number.normalized).second || store_.letterNumberInUse(number.normalized))
            return {PostalError::LetterNumberTwice};
        letters.push_back({number.normalized, cleanUserText(letter.recipientTown, kMaxTownLength), item->withReceipt});
        add(letter.itemId, 1);
    }
    if (order.empty()) return {PostalError::EmptySale};

    Sale sale;
    sale.businessDay = day;
    sale.soldAt = clock_.nowMs();
    sale.method = request.method;
    sale.soldBy = actor->displayName;
    sale.letters = std::move(letters);
    for (const std::string& itemId : order) {
        if (quantities[itemId] > kMaxQuantity) return {PostalError::QuantityInvalid};
        const auto price = store_.priceOn(itemId, day);
        if (!price) return {PostalError::NoPrice};
        sale.lines.push_back({itemId, items.at(itemId).name, static_cast<int>(quantities[itemId]), price->priceCents});
    }

    try {
        std::optional<Sale> stored;
        store_.inTransaction([&] {
            stored = store_.insertSale(sale, clock_.nowMs());
            // In the same transaction: a sale is never in the books without its audit line, nor audited but lost.
            staff_.audit(actor, stored->letters.empty() ? "postal.sale" : "postal.sale_registered",
                         {{"total_cents", std::to_string(stored->totalCents)},
                          {"method_key", "postal.method." + storage::paymentMethodKey(stored->method)},
                          {"letters", lettersDetail(*stored)}});
        });
        return {PostalError::None, stored};
    } catch (const std::exception& e) {
        if (isDayClosedError(e)) return {PostalError::DayClosed};
        return {PostalError::StorageFailed, std::nullopt, storage::describeWriteFailure(e) + "; the sale was not recorded"};
    }
}

SaleResult PostalCounter::correct(const StaffSession* actor, const std::string& saleId) {
    if (refuseUnlessAllowed(actor, "correct_sale")) return {PostalError::NotAllowed};
    const auto original = store_.findSale(saleId);
    if (!original) return {PostalError::NotFound};
    if (original->correctsSaleId) return {PostalError::IsCorrection};
    if (store_.correctionOf(saleId)) return {PostalError::AlreadyCorrected};
    const std::string day = today();
    if (store_.closingOf(day)) return {PostalError::DayClosed};

    Sale counterEntry;
    counterEntry.businessDay = day;
    counterEntry.soldAt = clock_.nowMs();
    counterEntry.method = original->method;
    counterEntry.correctsSaleId = original->id;
    counterEntry.soldBy = actor->displayName;
    for (SaleLine line : original->lines) {
        line.quantity = -line.quantity;
        counterEntry.lines.push_back(line);
    }
    try {
        std::optional<Sale> stored;
        store_.inTransaction([&] {
            stored = store_.insertSale(counterEntry, clock_.nowMs());
            staff_.audit(actor, "postal.correction",
                         {{"of_day", original->businessDay}, {"total_cents", std::to_string(stored->totalCents)}});
        });
        return {PostalError::None, stored};
    } catch (const std::exception& e) {
        if (isDayClosedError(e)) return {PostalError::DayClosed};
        if (storage::classifyWriteFailure(e) == storage::WriteFailure::Refused) return {PostalError::AlreadyCorrected};
        return {PostalError::StorageFailed, std::nullopt,
                storage::describeWriteFailure(e) + "; the counter-entry was not recorded"};
    }
}

std::vector<Sale> PostalCounter::salesOfDay(const std::string& day) {
    const auto valid = parseDay(day);
    if (!valid) return {};
    return store_.salesOfDay(*valid);
}

std::optional<Sale> PostalCounter::sale(const std::string& saleId) { return store_.findSale(saleId); }
std::optional<Sale> PostalCounter::correctionOf(const std::string& saleId) { return store_.correctionOf(saleId); }

// ---- Closing ----

DayReport PostalCounter::report(const std::string& day, CashOnDeliverySource* cod) {
    DayReport report;
    report.day = parseDay(day).value_or(day);
    report.closing = store_.closingOf(report.day);
    for (const PaymentMethod method : {PaymentMethod::Cash, PaymentMethod::Card, PaymentMethod::Cheque})
        report.methods.push_back({method, 0, 0});

    std::map<std::string, ItemTotal> byItem;
    for (const Sale& sale : store_.salesOfDay(report.day)) {
        ++report.saleCount;
        if (sale.correctsSaleId) ++report.correctionCount;
        report.totalCents += sale.totalCents;
        for (MethodTotal& method : report.methods)
            if (method.method == sale.method) {
                ++method.sales;
                method.totalCents += sale.totalCents;
            }
        for (const SaleLine& line : sale.lines) {
            ItemTotal& total = byItem[line.itemId];
            total.itemId = line.itemId;
            total.name = line.itemName;
            total.quantity += line.quantity;
            total.totalCents += line.lineCents();
        }
    }
    // Catalogue order first, then anything sold that the catalogue no longer lists.
    for (const PostalItem& item : store_.items()) {
        const auto found = byItem.find(item.id);
        if (found == byItem.end()) continue;
        report.items.push_back(found->second);
        byItem.erase(found);
    }
    for (const auto& [id, total] : byItem) report.items.push_back(total);

    report.registeredLetters = store_.registeredLettersOfDay(report.day);
    if (report.closing) {
        // The closing row keeps what the parcels area said then, and the count of letters whose numbers the
        // retention period may since have erased.
        report.codCents = report.closing->codCents;
        report.registeredLetters = report.closing->registeredCount;
    } else if (cod) {
        report.codCents = cod->codCollectedCents(report.day);
    }
    return report;
}

ClosingResult PostalCounter::closeDay(const StaffSession* actor, const std::string& day, CashOnDeliverySource* cod) {
    if (refuseUnlessAllowed(actor, "close_day")) return {PostalError::NotAllowed};
    const std::string current = today();
    const auto valid = day.empty() ? std::optional<std::string>(current) : parseDay(day);
    if (!valid) return {PostalError::DayInvalid};
    if (*valid > current) return {PostalError::FutureDay};
    if (store_.closingOf(*valid)) return {PostalError::AlreadyClosed, report(*valid)};
    DayReport open = report(*valid, cod);
    try {
        store_.inTransaction([&] {
            DayClosing closing;
            closing.businessDay = *valid;
            closing.closedAt = clock_.nowMs();
            closing.closedBy = actor->displayName;
            closing.saleCount = open.saleCount;
            closing.totalCents = open.totalCents;
            closing.registeredCount = open.registeredLetters;
            closing.codCents = open.codCents;
            store_.insertClosing(closing, clock_.nowMs());
            staff_.audit(actor, "postal.close_day",
                         {{"of_day", *valid},
                          {"count", std::to_string(open.saleCount)},
                          {"total_cents", std::to_string(open.totalCents)}});
        });
    } catch (const std::exception& e) {
        if (storage::classifyWriteFailure(e) == storage::WriteFailure::Refused && store_.closingOf(*valid))
            return {PostalError::AlreadyClosed, report(*valid)};
        return {PostalError::StorageFailed, std::nullopt,
                storage::describeWriteFailure(e) + "; the day was not closed"};
    }
    return {PostalError::None, report(*valid)};
}

std::vector<DayClosing> PostalCounter::recentClosings(int limit) { return store_.recentClosings(limit); }

bool PostalCounter::isClosed(const std::string& day) {
    const auto valid = parseDay(day);
    return valid && store_.closingOf(*valid).has_value();
}

}  // namespace vk::services::postal
