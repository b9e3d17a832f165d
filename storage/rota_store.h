#pragma once
// The doctor rota: visits, consultation hours, closures and the day's notices, and the feed's state.
// Days are "YYYY-MM-DD" and times "HH:MM", local to the kiosk; they compare as text.

#include "storage/database.h"

#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <vector>

namespace vk::storage {

enum class RotaSource { Staff, Feed };

struct RotaVisit {
    std::string id;
    std::string doctorName;
    std::string doctorTitle;
    std::string firstDay;
    std::string lastDay;
    RotaSource source = RotaSource::Staff;
    std::string sourceKey;
};

struct RotaHours {
    std::string id;
    std::string day;
    std::string opens;
    std::string closes;
    std::string doctorName;
    RotaSource source = RotaSource::Staff;
    std::string sourceKey;
};

struct RotaClosure {
    std::string id;
    std::string firstDay;
    std::string lastDay;
    std::string reason;
    RotaSource source = RotaSource::Staff;
    std::string sourceKey;
};

struct RotaDayNotice {
    std::string day;
    int delayMinutes = 0;
    std::optional<std::string> closesEarlyAt;  // "HH:MM"
};

// A neighbouring village's rota over some days, from the territory hub: its doctors' visits and its consultation
// hours (none on its closed days).
struct NeighbourRota {
    std::string village;  // as the hub names it (village-hub add-kiosk --village)
    std::vector<RotaVisit> visits;
    std::vector<RotaHours> hours;
};

// What an import changed, for the staff notice: the days touched, sorted, without repeats.
struct RotaChange {
    int added = 0;
    int updated = 0;
    int removed = 0;
    std::vector<std::string> days;
    bool any() const { return added + updated + removed > 0; }
};

struct RotaFeedState {
    std::string url;
    std::optional<std::string> etag;
    std::optional<std::string> lastModified;
    std::optional<std::string> lastGoodBody;
    std::int64_t lastGoodAt = 0;
    std::int64_t lastAttemptAt = 0;
    std::optional<std::string> lastError;
};

class RotaStore {
public:
    explicit RotaStore(Database& db) : db_(db) {}

    // Everything live of this kiosk's own village that touches [firstDay, lastDay]. Every call of this store but
    // neighbourRotas() reads and writes this village's rota only: a neighbour's rows (village not NULL, pulled
    // from the hub) are never shown as this centre's, edited here, nor removed by an import.
    std::vector<RotaVisit> visits(const std::string& firstDay, const std::string& lastDay);
    std::vector<RotaHours> hours(const std::string& firstDay, const std::string& lastDay);
    std::vector<RotaClosure> closures(const std::string& firstDay, const std::string& lastDay);
    std::optional<RotaDayNotice> dayNotice(const std::string& day);
    // The neighbouring villages' rotas touching [firstDay, lastDay], by village name, each by day; a village with
    // nothing in those days is not listed.
    std::vector<NeighbourRota> neighbourRotas(const std::string& firstDay, const std::string& lastDay);
    // One live row by id (for what the activity log says of a removal); nothing for an unknown or removed one.
    std::optional<RotaVisit> visit(const std::string& id);
    std::optional<RotaHours> hoursById(const std::string& id);
    std::optional<RotaClosure> closure(const std::string& id);

    RotaVisit addVisit(const RotaVisit& visit, std::int64_t nowMs);
    RotaHours addHours(const RotaHours& hours, std::int64_t nowMs);
    RotaClosure addClosure(const RotaClosure& closure, std::int64_t nowMs);
    void updateVisit(const RotaVisit& visit, std::int64_t nowMs);
    // Soft deletes, by id, whatever the kind of row.
    void removeVisit(const std::string& id, std::int64_t nowMs);
    void removeHours(const std::string& id, std::int64_t nowMs);
    void removeClosure(const std::string& id, std::int64_t nowMs);
    void setDayNotice(const RotaDayNotice& notice, std::int64_t nowMs);

    // Makes the feed rows touching [firstDay, lastDay] exactly the given ones, matched by source key, in one
    // transaction: new keys are added, changed rows updated, missing ones soft-deleted. Staff rows are untouched.
    // `beforeCommit` runs inside that transaction once the rows are written, for what must be stored with them or
    // not at all (the audit line, the staff notice). Anything that throws, there or in SQLite, rolls it all back.
    RotaChange replaceFeedRows(const std::string& firstDay, const std::string& lastDay,
                               const std::vector<RotaVisit>& visits, const std::vector<RotaHours>& hours,
                               const std::vector<RotaClosure>& closures, std::int64_t nowMs,
                               const std::function<void(const RotaChange&)>& beforeCommit = {});

    // The latest change to any rota row (added, edited or removed), 0 if none.
    std::int64_t lastChangeAt();

    std::optional<RotaFeedState> feedState(const std::string& url);
    void saveFeedState(const RotaFeedState& state);

private:
    Database& db_;
};

}  // namespace vk::storage
