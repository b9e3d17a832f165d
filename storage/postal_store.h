#pragma once
// The postal counter's books: the catalogue and its dated prices, sales with their lines and registered letters,
// and the closing row of each closed day. What a sale may contain, who may sell and what a closing adds up live in
// kiosk/services/postal/; this file stores what it is given and writes a sale with all its parts in one go. The
// schema itself refuses any change to a closed day (see migration 0005), so a bug above cannot rewrite the books.

#include "storage/database.h"

#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <vector>

namespace vk::storage {

enum class PostalItemKind { Stamp, Prepaid, Registered, Other };
std::string postalItemKindKey(PostalItemKind kind);  // "stamp", "prepaid", "registered", "other"
std::optional<PostalItemKind> postalItemKindFromKey(const std::string& key);

enum class PaymentMethod { Cash, Card, Cheque };
std::string paymentMethodKey(PaymentMethod method);  // "cash", "card", "cheque"
std::optional<PaymentMethod> paymentMethodFromKey(const std::string& key);

struct PostalItem {
    std::string id;
    std::string code;  // stable, for scripts and the seed: "lettre_verte"
    std::string name;
    PostalItemKind kind = PostalItemKind::Stamp;
    bool withReceipt = false;  // a registered letter with avis de réception
    int sortOrder = 0;
};

struct PostalPrice {
    std::string id;
    std::string itemId;
    std::string validFrom;  // local day "YYYY-MM-DD"
    std::int64_t priceCents = 0;
    std::int64_t createdAt = 0;
    bool replaced = false;  // another price was set for the same day afterwards
};

struct SaleLine {
    std::string itemId;
    std::string itemName;
    int quantity = 0;  // negative on a counter-entry
    std::int64_t unitPriceCents = 0;
    std::int64_t lineCents() const { return quantity * unitPriceCents; }
};

struct RegisteredLetter {
    std::string number;
    std::string recipientTown;
    bool withReceipt = false;
};

struct Sale {
    std::string id;
    std::string businessDay;
    std::int64_t soldAt = 0;
    PaymentMethod method = PaymentMethod::Cash;
    std::int64_t totalCents = 0;
    std::optional<std::string> correctsSaleId;
    std::string soldBy;
    std::vector<SaleLine> lines;
    std::vector<RegisteredLetter> letters;
};

struct DayClosing {
    std::string id;
    std::string businessDay;
    std::int64_t closedAt = 0;
    std::string closedBy;
    int saleCount = 0;
    std::int64_t totalCents = 0;
    int registeredCount = 0;
    std::optional<std::int64_t> codCents;
};

class PostalStore {
public:
    explicit PostalStore(Database& db) : db_(db) {}

    // Runs `work` in one transaction: committed if it returns, rolled back if it throws. Not re-entrant.
    void inTransaction(const std::function<void()>& work);

    // ---- Catalogue ----
    PostalItem insertItem(const PostalItem& item, std::int64_t nowMs);
    void renameItem(const std::string& itemId, const std::string& name, std::int64_t nowMs);
    std::vector<PostalItem> items();  // live ones, by sort order then name
    std::optional<PostalItem> findItem(const std::string& itemId);
    std::optional<PostalItem> findItemByCode(const std::string& code);
    // Rows ever written, deleted ones too: a catalogue the manager emptied is not seeded again.
    int itemRowsEver();

    // Sets the price of an item from `validFrom` on; a live price of the same item and day is replaced (kept,
    // soft-deleted, for the history).
    PostalPrice setPrice(const std::string& itemId, const std::string& validFrom, std::int64_t priceCents,
                         std::int64_t nowMs);
    // The live price valid on `day`: the one with the latest valid_from not after it.
    std::optional<PostalPrice> priceOn(const std::string& itemId, const std::string& day);
    // Every price the item has had, replaced ones too, newest first.
    std::vector<PostalPrice> priceHistory(const std::string& itemId);

    // ---- Sales ----
    // Writes the sale, its lines and its letters; `sale.id` and the total are made here. Call it inside
    // inTransaction (with the audit line): it throws when the day is closed (the schema's trigger, "postal day
    // closed") or the disk refuses, and the transaction then takes back whatever part was written.
    Sale insertSale(const Sale& sale, std::int64_t nowMs);
    std::optional<Sale> findSale(const std::string& saleId);
    std::vector<Sale> salesOfDay(const std::string& day);  // by time of sale
    // The counter-entry that corrects `saleId`, if any.
    std::optional<Sale> correctionOf(const std::string& saleId);
    int registeredLettersOfDay(const std::string& day);
    // Whether a letter with this number is on a sale that no counter-entry took back.
    bool letterNumberInUse(const std::string& number);

    // ---- Closings ----
    DayClosing insertClosing(const DayClosing& closing, std::int64_t nowMs);
    std::optional<DayClosing> closingOf(const std::string& day);
    std::vector<DayClosing> recentClosings(int limit);  // newest day first

private:
    Database& db_;
};

}  // namespace vk::storage
