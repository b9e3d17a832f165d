#include "kiosk/cli/sync_commands.h"

#include "kiosk/services/kiosk_runtime.h"
#include "kiosk/services/sync/sync_area.h"

#include <nlohmann/json.hpp>

#include <ostream>

namespace vk::cli {
namespace {

using nlohmann::json;

int wrongArguments(std::ostream& err, const std::string& why) {
    err << "village-kiosk sync: " << why << "\n\n" << syncCommand().usage;
    return 2;
}

json optionalJson(const std::optional<std::int64_t>& value) { return value ? json(*value) : json(nullptr); }

int runRoundNow(services::sync::SyncService& sync, bool asJson, std::ostream& out, std::ostream& err) {
    const net::HttpClient client;
    const auto round = sync.runRound(client);
    if (asJson) {
        out << json{{"ok", round.ok},           {"pushed", round.pushed}, {"refused", round.refused},
                    {"pulled", round.pulled},   {"applied", round.applied}, {"held", round.held},
                    {"forgotten", round.forgotten},
                    {"error", round.ok ? json(nullptr) : json(round.error)}}
                   .dump()
            << "\n";
    } else {
        out << "pushed " << round.pushed << ", pulled " << round.pulled << " (" << round.applied << " written here";
        if (round.held) out << ", " << round.held << " held";
        out << ")";
        if (round.forgotten) out << ", " << round.forgotten << " deleted here that were deleted elsewhere while away";
        if (round.refused) out << ", " << round.refused << " refused by the hub (village-kiosk sync history)";
        out << "\n";
    }
    if (!round.ok) err << "village-kiosk sync: " << round.error << "\n";
    return round.ok ? 0 : 1;
}

int runStatus(services::sync::SyncService& sync, bool asJson, std::ostream& out) {
    const auto status = sync.status();
    if (asJson) {
        out << json{{"hub_url", sync.settings().hubUrl},
                    {"pulled_up_to", status.pulledUpTo},
                    {"last_success_at", optionalJson(status.lastSuccessAt)},
                    {"last_attempt_at", optionalJson(status.lastAttemptAt)},
                    {"last_error", status.lastError ? json(*status.lastError) : json(nullptr)},
                    {"pending", status.pending},
                    {"held", status.held}}
                   .dump()
            << "\n";
        return 0;
    }
    out << "hub: " << (sync.settings().hubUrl.empty() ? "none ([sync] hub_url)" : sync.settings().hubUrl) << "\n";
    out << "pulled up to: " << status.pulledUpTo << "\n";
    out << "waiting to be pushed: " << status.pending << " record(s); held: " << status.held << "\n";
    if (status.lastError) out << "last round failed: " << *status.lastError << "\n";
    return 0;
}

int runHistory(services::sync::SyncService& sync, bool asJson, std::ostream& out) {
    json entries = json::array();
    for (const auto& entry : sync.store().history(200)) {
        if (asJson) {
            entries.push_back({{"at", entry.at},
                               {"kind", entry.kind},
                               {"table", entry.table},
                               {"record_id", entry.recordId},
                               {"other_kiosk", entry.otherKiosk},
                               {"detail", entry.detail},
                               {"row", entry.rowJson ? json::parse(*entry.rowJson, nullptr, false) : json(nullptr)}});
        } else {
            out << entry.kind << "  " << entry.table << " " << entry.recordId << "  " << entry.detail << "\n";
            if (entry.kind == "lost" && entry.rowJson) out << "    the version replaced: " << *entry.rowJson << "\n";
        }
    }
    if (asJson) out << entries.dump() << "\n";
    return 0;
}

}  // namespace

int runSyncCommand(services::KioskRuntime& runtime, const CommandArguments& arguments, std::istream& in,
                   std::ostream& out, std::ostream& err) {
    (void)in;
    auto& sync = runtime.area<services::sync::SyncServices>().service;
    const std::string action = arguments.action();
    if (action.empty()) return runRoundNow(sync, arguments.json(), out, err);
    if (action == "status") return runStatus(sync, arguments.json(), out);
    if (action == "history") return runHistory(sync, arguments.json(), out);
    return wrongArguments(err, "unknown command « " + action + " »");
}

const AreaCommand& syncCommand() {
    static const AreaCommand command{
        "sync",
        "  village-kiosk sync [--json]           one round with the territory hub now: pushed and pulled counts;\n"
        "                                        exit 1 when the round failed\n"
        "  village-kiosk sync status [--json]    the last round, what waits to be pushed\n"
        "  village-kiosk sync history [--json]   versions replaced by another kiosk's edit, changes refused\n",
        {},
        &runSyncCommand};
    return command;
}

}  // namespace vk::cli
