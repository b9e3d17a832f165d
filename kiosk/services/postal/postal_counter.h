#pragma once
// The café's postal counter (« relais poste commerçant »): a catalogue of La Poste items with dated prices, sales
// with a recorded payment method (the kiosk takes no payment), registered letters logged by number, and the daily
// closing report. A closed day never changes: a sale goes to today, and is refused once today is closed; a mistake
// is put right by a counter-entry (the sale's lines with negative quantities, naming it) on today's open day.
//
// Only the café manager, an admin or a system actor (the command line) may sell, change prices or close a day.

#include "kiosk/services/clock.h"
#include "kiosk/services/staff_service.h"
#include "storage/postal_store.h"

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace vk::services::postal {

using storage::DayClosing;
using storage::PaymentMethod;
using storage::PostalItem;
using storage::PostalItemKind;
using storage::PostalPrice;
using storage::RegisteredLetter;
using storage::Sale;
using storage::SaleLine;

// What the relay point collected in cash on delivery on a local day, for the closing report. The parcels area
// provides it (the coordinator wires it with PostalServices::setCashOnDeliverySource); without one the report
// has no COD line.
struct CashOnDeliverySource {
    virtual ~CashOnDeliverySource() = default;
    virtual std::int64_t codCollectedCents(std::string_view localDay) = 0;
};

// Why a change was refused; each has a translated message (postal.error.*) and an English one for the command line.
enum class PostalError {
    None,
    NotAllowed,         // only the café manager or an admin
    NotFound,           // no such item or sale
    EmptySale,          // no line with a quantity
    QuantityInvalid,    // 0, negative or more than kMaxQuantity
    TooManyLines,
    NoPrice,            // the item has no price valid today
    LetterNumberInvalid,
    LetterNumberTwice,  // the same number twice in one sale
    LetterNotRegistered,  // a letter number given for an item that is not a registered letter
    LetterNeedsNumber,  // a registered letter sold without its number
    DayClosed,          // today's closing is done: no more sales today
    AlreadyCorrected,   // a sale has at most one counter-entry
    IsCorrection,       // a counter-entry is not corrected again
    NameInvalid,
    PriceInvalid,
    DayInvalid,
    PriceInPast,        // a price starts today or later: past sales keep theirs
    FutureDay,          // a day is closed once it has begun
    AlreadyClosed,
    StorageFailed,      // the database refused (full disk…): nothing was written; see `failure`
};

std::string postalErrorMessage(PostalError error);  // English, for the command line

// A sale as the counter types it: quantities per item and one entry per registered letter (each letter is one
// unit of its item, which must be a registered letter).
struct SaleRequest {
    struct Line {
        std::string itemId;
        int quantity = 0;
    };
    struct Letter {
        std::string itemId;
        std::string number;         // as typed or scanned: spaces and dashes are dropped
        std::string recipientTown;  // optional
    };
    std::vector<Line> lines;
    std::vector<Letter> letters;
    PaymentMethod method = PaymentMethod::Cash;
};

struct SaleResult {
    SaleResult() = default;
    SaleResult(PostalError why, std::optional<Sale> stored = std::nullopt, std::string cause = {})
        : error(why), sale(std::move(stored)), failure(std::move(cause)) {}
    PostalError error = PostalError::None;
    std::optional<Sale> sale;
    std::string failure;  // for StorageFailed: what the database said, in English, for staff
    bool ok() const { return error == PostalError::None; }
};

struct CatalogueEntry {
    PostalItem item;
    std::optional<std::int64_t> priceTodayCents;  // none: not sold until it has a price
    std::optional<PostalPrice> nextPrice;          // a price that starts after today
};

struct CatalogueChange {
    CatalogueChange() = default;
    CatalogueChange(PostalError why, std::optional<PostalItem> changed = std::nullopt, std::string cause = {})
        : error(why), item(std::move(changed)), failure(std::move(cause)) {}
    PostalError error = PostalError::None;
    std::optional<PostalItem> item;
    std::string failure;
    bool ok() const { return error == PostalError::None; }
};

struct ItemTotal {
    std::string itemId;
    std::string name;
    int quantity = 0;
    std::int64_t totalCents = 0;
};

struct MethodTotal {
    PaymentMethod method = PaymentMethod::Cash;
    int sales = 0;
    std::int64_t totalCents = 0;
};

// The day's figures: computed from its sales while it is open, and from the same (frozen) sales plus the closing
// row's figures once closed.
struct DayReport {
    std::string day;
    std::vector<ItemTotal> items;      // in catalogue order; only items sold or corrected that day
    std::vector<MethodTotal> methods;  // cash, card, cheque, always all three
    int saleCount = 0;                 // sales, counter-entries included
    int correctionCount = 0;
    int registeredLetters = 0;         // net of counter-entries
    std::int64_t totalCents = 0;
    std::optional<std::int64_t> codCents;  // the relay point's cash on delivery, when a source is given
    std::optional<DayClosing> closing;     // set once the day is closed
    bool closed() const { return closing.has_value(); }
};

struct ClosingResult {
    ClosingResult() = default;
    ClosingResult(PostalError why, std::optional<DayReport> closed = std::nullopt, std::string cause = {})
        : error(why), report(std::move(closed)), failure(std::move(cause)) {}
    PostalError error = PostalError::None;
    std::optional<DayReport> report;
    std::string failure;
    bool ok() const { return error == PostalError::None; }
};

class PostalCounter {
public:
    PostalCounter(storage::Database& db, const Clock& clock, StaffService& staff);

    static constexpr int kMaxQuantity = 999;  // the schema's limit; one sale of a thousand stamps is a typing slip
    static constexpr std::size_t kMaxLines = 40;
    static constexpr std::size_t kMaxNameLength = 80;
    static constexpr std::size_t kMaxTownLength = 80;
    static constexpr std::int64_t kMaxPriceCents = 1'000'000;

    // The La Poste 2026 catalogue (docs/postal.md), written once into a database that never had a catalogue.
    // Returns true when it seeded. Never throws: a database that cannot take it is tried again next start.
    bool seedDefaultCatalogue();

    // ---- Catalogue ----
    std::vector<CatalogueEntry> catalogue();
    std::optional<PostalItem> item(const std::string& itemId);
    std::optional<PostalItem> itemByCode(const std::string& code);
    std::optional<std::int64_t> priceOn(const std::string& itemId, const std::string& day);
    std::vector<PostalPrice> priceHistory(const std::string& itemId);
    // A new price from `validFrom` ("YYYY-MM-DD" or "DD/MM/YYYY", today or later) on.
    CatalogueChange setPrice(const StaffSession* actor, const std::string& itemId, const std::string& validFrom,
                             std::int64_t priceCents);
    CatalogueChange addItem(const StaffSession* actor, const std::string& name, PostalItemKind kind,
                            bool withReceipt, const std::string& validFrom, std::int64_t priceCents);

    // ---- Sales (on today's local day) ----
    std::string today() const;
    SaleResult sell(const StaffSession* actor, const SaleRequest& request);
    // The counter-entry of `saleId` on today's open day, paid back by the sale's own method.
    SaleResult correct(const StaffSession* actor, const std::string& saleId);
    std::vector<Sale> salesOfDay(const std::string& day);
    std::optional<Sale> sale(const std::string& saleId);
    std::optional<Sale> correctionOf(const std::string& saleId);

    // ---- Closing ----
    DayReport report(const std::string& day, CashOnDeliverySource* cod = nullptr);
    // Closes `day` (today when empty): the report is frozen with the COD total of that moment.
    ClosingResult closeDay(const StaffSession* actor, const std::string& day, CashOnDeliverySource* cod = nullptr);
    std::vector<DayClosing> recentClosings(int limit = 30);
    bool isClosed(const std::string& day);

private:
    bool refuseUnlessAllowed(const StaffSession* actor, const char* action);

    storage::PostalStore store_;
    const Clock& clock_;
    StaffService& staff_;
};

bool mayRunPostalCounter(const StaffSession* actor);

}  // namespace vk::services::postal
