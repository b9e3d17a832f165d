#include "kiosk/services/sync/sync_area.h"

#include "kiosk/services/kiosk_config.h"
#include "net/hub/hub_protocol.h"

namespace vk::services::sync {
namespace {

std::string hostOf(const std::string& url) {
    const auto start = url.find("://");
    if (start == std::string::npos) return "";
    std::string rest = url.substr(start + 3);
    rest = rest.substr(0, rest.find('/'));
    if (!rest.empty() && rest.front() == '[') return rest.substr(1, rest.find(']') - 1);
    return rest.substr(0, rest.rfind(':') == std::string::npos ? rest.size() : rest.rfind(':'));
}

void readSyncSettings(SettingsReader& reader, AreaSettings& areas) {
    SyncSettings& settings = areas.get<SyncSettings>();
    reader.text("hub_url", settings.hubUrl, 300);
    if (!settings.hubUrl.empty()) {
        const bool https = settings.hubUrl.rfind("https://", 0) == 0;
        const bool http = settings.hubUrl.rfind("http://", 0) == 0;
        if (!https && !http) {
            reader.problem("hub_url", "must be an https:// address");
            settings.hubUrl.clear();
        } else if (http && !net::hub::isLoopbackHost(hostOf(settings.hubUrl))) {
            reader.problem("hub_url", "plain http:// only to this machine (tests): the hub is reached over https://");
            settings.hubUrl.clear();
        }
    }
    reader.path("credential_file", settings.credentialFile);
    reader.integer("interval_seconds", settings.intervalSeconds, 10, 86'400, "seconds");
    reader.path("ca_file", settings.caFile);
}

std::unique_ptr<AreaServices> makeSyncServices(const AreaContext& context) {
    return std::make_unique<SyncServices>(context);
}

}  // namespace

SyncServices::SyncServices(const AreaContext& context)
    : service(context.database, context.clock, context.config.areas.get<SyncSettings>()) {}

AreaDefinition syncArea() {
    return {"sync", "sync", &readSyncSettings, {{"sync_history_days", 180}}, &makeSyncServices};
}

}  // namespace vk::services::sync
