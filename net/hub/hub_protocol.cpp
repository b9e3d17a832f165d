#include "net/hub/hub_protocol.h"

#include "storage/shared_tables.h"

namespace vk::net::hub {
namespace {

using nlohmann::json;

std::optional<nlohmann::json> rowFrom(const json& value) {
    if (value.is_object()) return value;
    return std::nullopt;
}

json rowTo(const std::optional<json>& row) { return row ? *row : json(nullptr); }

bool readString(const json& object, const char* key, std::string& out) {
    const auto it = object.find(key);
    if (it == object.end() || !it->is_string()) return false;
    out = it->get<std::string>();
    return true;
}

bool readInteger(const json& object, const char* key, std::int64_t& out) {
    const auto it = object.find(key);
    if (it == object.end() || !it->is_number_integer()) return false;
    out = it->get<std::int64_t>();
    return true;
}

std::optional<json> parseObject(std::string_view body, std::string& error) {
    json parsed = json::parse(body.begin(), body.end(), nullptr, false);
    if (parsed.is_discarded()) {
        error = "the body is not JSON";
        return std::nullopt;
    }
    if (!parsed.is_object()) {
        error = "the body is not a JSON object";
        return std::nullopt;
    }
    return parsed;
}

}  // namespace

std::string_view verdictKey(Verdict verdict) {
    switch (verdict) {
        case Verdict::Accepted: return "accepted";
        case Verdict::Duplicate: return "duplicate";
        case Verdict::Refused: return "refused";
    }
    return "refused";
}

bool isLoopbackHost(const std::string& host) {
    return host == "localhost" || host == "::1" || host == "[::1]" || host.rfind("127.", 0) == 0;
}

bool isWireId(std::string_view text) {
    if (text.empty() || text.size() > 64) return false;
    for (const char c : text)
        if (!((c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '-')) return false;
    return true;
}

std::string encodePush(const PushRequest& request) {
    json changes = json::array();
    for (const auto& change : request.changes)
        changes.push_back({{"change_id", change.changeId},
                           {"table", change.table},
                           {"record_id", change.recordId},
                           {"base_seq", change.baseSeq},
                           {"row", rowTo(change.row)}});
    return json{{"kiosk_id", request.kioskId}, {"changes", std::move(changes)}}.dump();
}

std::optional<PushRequest> decodePush(std::string_view body, std::string& error) {
    if (body.size() > kMaxPushBytes) {
        error = "the push is larger than " + std::to_string(kMaxPushBytes / (1024 * 1024)) + " MB";
        return std::nullopt;
    }
    const auto parsed = parseObject(body, error);
    if (!parsed) return std::nullopt;
    PushRequest request;
    if (!readString(*parsed, "kiosk_id", request.kioskId) || !isWireId(request.kioskId)) {
        error = "kiosk_id is missing or not an id";
        return std::nullopt;
    }
    const auto changes = parsed->find("changes");
    if (changes == parsed->end() || !changes->is_array()) {
        error = "changes is missing or not a list";
        return std::nullopt;
    }
    if (changes->size() > kMaxChangesPerPush) {
        error = "more than " + std::to_string(kMaxChangesPerPush) + " changes in one push";
        return std::nullopt;
    }
    std::size_t index = 0;
    for (const auto& item : *changes) {
        const std::string where = "change " + std::to_string(index++) + ": ";
        if (!item.is_object()) {
            error = where + "not a JSON object";
            return std::nullopt;
        }
        WireChange change;
        if (!readString(item, "change_id", change.changeId) || !isWireId(change.changeId)) {
            error = where + "change_id is missing or not an id";
            return std::nullopt;
        }
        if (!readString(item, "table", change.table) || !storage::findSharedTable(change.table)) {
            error = where + "table is missing or not a shared table";
            return std::nullopt;
        }
        if (!readString(item, "record_id", change.recordId) || !isWireId(change.recordId)) {
            error = where + "record_id is missing or not an id";
            return std::nullopt;
        }
        if (!readInteger(item, "base_seq", change.baseSeq) || change.baseSeq < 0) {
            error = where + "base_seq is missing or not a number of 0 or more";
            return std::nullopt;
        }
        const auto row = item.find("row");
        if (row == item.end() || !(row->is_null() || row->is_object())) {
            error = where + "row is missing, or neither an object nor null";
            return std::nullopt;
        }
        if (row->is_object()) {
            for (const auto& [column, value] : row->items())
                if (value.is_object() || value.is_array()) {
                    error = where + "the column « " + column + " » holds neither text nor a number";
                    return std::nullopt;
                }
            if (row->dump().size() > kMaxRowBytes) {
                error = where + "the row is larger than " + std::to_string(kMaxRowBytes / 1024) + " kB";
                return std::nullopt;
            }
            const auto id = row->find("id");
            if (id == row->end() || !id->is_string() || id->get<std::string>() != change.recordId) {
                error = where + "the row's id is not record_id";
                return std::nullopt;
            }
            change.row = *row;
        }
        request.changes.push_back(std::move(change));
    }
    return request;
}

std::string encodePushResponse(const PushResponse& response) {
    json results = json::array();
    for (const auto& result : response.results)
        results.push_back({{"change_id", result.changeId},
                           {"verdict", verdictKey(result.verdict)},
                           {"seq", result.seq},
                           {"reason", result.reason}});
    return json{{"results", std::move(results)}}.dump();
}

std::optional<PushResponse> decodePushResponse(std::string_view body, std::string& error) {
    const auto parsed = parseObject(body, error);
    if (!parsed) return std::nullopt;
    const auto results = parsed->find("results");
    if (results == parsed->end() || !results->is_array()) {
        error = "the hub's answer has no list of results";
        return std::nullopt;
    }
    PushResponse response;
    for (const auto& item : *results) {
        PushResult result;
        std::string verdict;
        if (!item.is_object() || !readString(item, "change_id", result.changeId) || !readString(item, "verdict", verdict)) {
            error = "the hub's answer has a result without change_id or verdict";
            return std::nullopt;
        }
        if (verdict == "accepted") result.verdict = Verdict::Accepted;
        else if (verdict == "duplicate") result.verdict = Verdict::Duplicate;
        else result.verdict = Verdict::Refused;
        readInteger(item, "seq", result.seq);
        readString(item, "reason", result.reason);
        response.results.push_back(std::move(result));
    }
    return response;
}

std::string encodePullResponse(const PullResponse& response) {
    json changes = json::array();
    for (const auto& change : response.changes) {
        json item{{"seq", change.seq},
                  {"change_id", change.changeId},
                  {"table", change.table},
                  {"record_id", change.recordId},
                  {"from_kiosk", change.fromKiosk},
                  {"row", rowTo(change.row)}};
        if (change.replaced)
            item["replaced"] = {{"seq", change.replaced->seq},
                                {"from_kiosk", change.replaced->fromKiosk},
                                {"row", rowTo(change.replaced->row)}};
        changes.push_back(std::move(item));
    }
    return json{{"changes", std::move(changes)}, {"up_to", response.upTo}, {"more", response.more},
                {"village", response.village}}
        .dump();
}

std::optional<PullResponse> decodePullResponse(std::string_view body, std::string& error) {
    const auto parsed = parseObject(body, error);
    if (!parsed) return std::nullopt;
    PullResponse response;
    const auto changes = parsed->find("changes");
    if (changes == parsed->end() || !changes->is_array() || !readInteger(*parsed, "up_to", response.upTo)) {
        error = "the hub's answer has no list of changes or no up_to";
        return std::nullopt;
    }
    // Absent means no more; anything but true or false is refused (json::value() would throw on it, found by
    // fuzz_hub_payload: « "more": 5 »).
    const auto more = parsed->find("more");
    if (more != parsed->end() && !more->is_boolean()) {
        error = "the hub's answer has a \"more\" that is neither true nor false";
        return std::nullopt;
    }
    response.more = more != parsed->end() && more->get<bool>();
    readString(*parsed, "village", response.village);
    for (const auto& item : *changes) {
        PulledChange change;
        if (!item.is_object() || !readInteger(item, "seq", change.seq) || !readString(item, "change_id", change.changeId) ||
            !readString(item, "table", change.table) || !readString(item, "record_id", change.recordId)) {
            error = "the hub's answer has a change without seq, change_id, table or record_id";
            return std::nullopt;
        }
        readString(item, "from_kiosk", change.fromKiosk);
        if (item.contains("row")) change.row = rowFrom(item["row"]);
        if (item.contains("replaced") && item["replaced"].is_object()) {
            const json& replaced = item["replaced"];
            ReplacedVersion version;
            readInteger(replaced, "seq", version.seq);
            readString(replaced, "from_kiosk", version.fromKiosk);
            if (replaced.contains("row")) version.row = rowFrom(replaced["row"]);
            change.replaced = std::move(version);
        }
        response.changes.push_back(std::move(change));
    }
    return response;
}

std::string encodeError(std::string_view message) { return json{{"error", message}}.dump(); }

std::string errorMessage(std::string_view body) {
    json parsed = json::parse(body.begin(), body.end(), nullptr, false);
    if (parsed.is_object() && parsed.contains("error") && parsed["error"].is_string())
        return parsed["error"].get<std::string>();
    const auto end = body.find('\n');
    return std::string(body.substr(0, std::min<std::size_t>(end == std::string_view::npos ? body.size() : end, 200)));
}

}  // namespace vk::net::hub
