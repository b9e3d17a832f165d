#pragma once
// What kiosks and their territory's hub say to each other, as JSON over HTTP(S) (docs/hub.md):
//   POST /v1/push   {"kiosk_id", "changes": [{"change_id", "table", "record_id", "base_seq", "row"}]}
//                   -> {"results": [{"change_id", "verdict", "seq", "reason"}]}
//   GET  /v1/pull?after=SEQ&limit=N
//                   -> {"changes": [{"seq", "change_id", "table", "record_id", "from_kiosk", "row", "replaced"}],
//                       "up_to", "more", "village"}
// Every request carries "Authorization: Bearer CREDENTIAL" (from `village-hub add-kiosk`) and "X-Kiosk-Id" (the
// kiosk's own id, kiosk_meta). A row is a JSON object of the record's columns; null is a tombstone. Plain data:
// the hub (net/hub/hub_server.cpp) and the kiosk (kiosk/services/sync/) both read and write these.

#include <nlohmann/json.hpp>

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace vk::net::hub {

inline constexpr std::size_t kMaxChangesPerPush = 1000;
inline constexpr std::size_t kMaxPushBytes = 16 * 1024 * 1024;
inline constexpr std::size_t kMaxRowBytes = 64 * 1024;
inline constexpr int kDefaultPullLimit = 2000;
inline constexpr int kMaxPullLimit = 5000;

struct WireChange {
    std::string changeId;
    std::string table;
    std::string recordId;
    std::int64_t baseSeq = 0;
    std::optional<nlohmann::json> row;  // nullopt: a tombstone
};

struct PushRequest {
    std::string kioskId;
    std::vector<WireChange> changes;
};

enum class Verdict { Accepted, Duplicate, Refused };
std::string_view verdictKey(Verdict verdict);  // "accepted", "duplicate", "refused"

struct PushResult {
    std::string changeId;
    Verdict verdict = Verdict::Accepted;
    std::int64_t seq = 0;  // the record's version at the hub after this change (0 when refused)
    std::string reason;    // why it was refused, in plain English
};

struct PushResponse {
    std::vector<PushResult> results;
};

struct ReplacedVersion {
    std::int64_t seq = 0;
    std::string fromKiosk;
    std::optional<nlohmann::json> row;
};

struct PulledChange {
    std::int64_t seq = 0;
    std::string changeId;
    std::string table;
    std::string recordId;
    std::string fromKiosk;
    std::optional<nlohmann::json> row;
    std::optional<ReplacedVersion> replaced;  // the version this change replaced without its author having seen it
};

struct PullResponse {
    std::vector<PulledChange> changes;
    std::int64_t upTo = 0;  // pull again after this
    bool more = false;      // there is more after upTo now
    // The pulling kiosk's village as the hub knows it (add-kiosk --village): the rows of village-owned tables
    // that carry this name are that kiosk's own village's. Absent from an older hub's answer: empty.
    std::string village;
};

// 127.0.0.0/8, ::1 and localhost: the only hosts plain HTTP goes to (the hub serves it only there, for tests).
bool isLoopbackHost(const std::string& host);

// A record id, change id or kiosk id: 1 to 64 letters, digits and dashes.
bool isWireId(std::string_view text);

std::string encodePush(const PushRequest& request);
// A malformed push (not JSON, a missing or wrong field, an unknown table, a row too large) gives nullopt and
// `error` says what and where ("change 3: record_id is not an id"); nothing of it is to be applied.
std::optional<PushRequest> decodePush(std::string_view body, std::string& error);

std::string encodePushResponse(const PushResponse& response);
std::optional<PushResponse> decodePushResponse(std::string_view body, std::string& error);

std::string encodePullResponse(const PullResponse& response);
std::optional<PullResponse> decodePullResponse(std::string_view body, std::string& error);

// {"error": message}: every refusal the hub answers has one.
std::string encodeError(std::string_view message);
// The message of an error body, or the body's first line when it is not one of ours.
std::string errorMessage(std::string_view body);

}  // namespace vk::net::hub
