// Any bytes as a body of the hub's protocol (net/hub/hub_protocol.h), read as each of the three messages a far end
// may send: a kiosk's push (read by the hub), the hub's answer to it and a pull (read by the kiosk). A refused body
// always says why; an accepted push holds only what the protocol allows (ids, shared tables, rows of plain values
// within their size); every accepted body, written out again, reads back the same. (What a pulled row may hold is
// checked where the kiosk applies it, kiosk/services/sync/, not by this reader.)
#include "net/hub/hub_protocol.h"
#include "storage/shared_tables.h"

#include <cstdint>
#include <cstdlib>
#include <string>
#include <string_view>

namespace {

using namespace vk::net::hub;

void checkRow(const std::optional<nlohmann::json>& row, const std::string& recordId) {
    if (!row) return;
    if (!row->is_object()) std::abort();
    if (row->dump().size() > kMaxRowBytes) std::abort();
    for (const auto& [column, value] : row->items())
        if (value.is_object() || value.is_array()) std::abort();
    if (row->value("id", std::string()) != recordId) std::abort();
}

void tryPush(std::string_view body) {
    std::string error;
    const auto push = decodePush(body, error);
    if (!push) {
        if (error.empty()) std::abort();
        return;
    }
    if (!isWireId(push->kioskId) || push->changes.size() > kMaxChangesPerPush) std::abort();
    for (const WireChange& change : push->changes) {
        if (!isWireId(change.changeId) || !isWireId(change.recordId) || change.baseSeq < 0) std::abort();
        if (!vk::storage::findSharedTable(change.table)) std::abort();
        checkRow(change.row, change.recordId);
    }
    std::string again;
    const auto reread = decodePush(encodePush(*push), again);
    if (!reread || reread->changes.size() != push->changes.size() || reread->kioskId != push->kioskId) std::abort();
    for (std::size_t i = 0; i < push->changes.size(); ++i)
        if (reread->changes[i].row != push->changes[i].row || reread->changes[i].recordId != push->changes[i].recordId)
            std::abort();
}

void tryPushResponse(std::string_view body) {
    std::string error;
    const auto response = decodePushResponse(body, error);
    if (!response) {
        if (error.empty()) std::abort();
        return;
    }
    std::string again;
    const auto reread = decodePushResponse(encodePushResponse(*response), again);
    if (!reread || reread->results.size() != response->results.size()) std::abort();
}

void tryPull(std::string_view body) {
    std::string error;
    const auto pull = decodePullResponse(body, error);
    if (!pull) {
        if (error.empty()) std::abort();
        return;
    }
    std::string again;
    const auto reread = decodePullResponse(encodePullResponse(*pull), again);
    if (!reread || reread->changes.size() != pull->changes.size() || reread->upTo != pull->upTo ||
        reread->more != pull->more)
        std::abort();
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    const std::string_view body(reinterpret_cast<const char*>(data), size);
    tryPush(body);
    tryPushResponse(body);
    tryPull(body);
    (void)errorMessage(body);
    return 0;
}
