#pragma once
// The [sync] section of kiosk.toml (docs/configuration.md, docs/hub.md): the territory hub this kiosk shares its
// board, members and time bank with. Without hub_url the kiosk works alone and never syncs.

#include <filesystem>
#include <string>

namespace vk::services::sync {

struct SyncSettings {
    std::string hubUrl;  // "https://hub.example.org:8443"; http:// only to a loopback address (tests)
    // The credential `village-hub add-kiosk` printed, alone in a file readable by the kiosk's user only.
    std::filesystem::path credentialFile = "/etc/village-kiosk/hub-credential";
    int intervalSeconds = 60;  // between rounds; after a failure the wait doubles up to an hour
    std::filesystem::path caFile;  // a hub with a certificate of the territory's own authority; empty: the system's

    bool enabled() const { return !hubUrl.empty(); }
};

}  // namespace vk::services::sync
