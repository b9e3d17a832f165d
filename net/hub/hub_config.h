#pragma once
// hub.toml, the territory hub's configuration (docs/hub.md):
//   database_url = "host=/run/postgresql dbname=hub"   a libpq connection string
//   listen = "0.0.0.0:8443"                            address:port
//   tls_cert = "/etc/village-hub/cert.pem"             HTTPS; without both, only a loopback address is accepted
//   tls_key = "/etc/village-hub/key.pem"
//   tombstone_days = 90                                how long deletions are kept for kiosks that were offline
//   threads = 8                                        requests served at once (each with its own connection)

#include "net/hub/hub_protocol.h"

#include <filesystem>
#include <optional>
#include <string>
#include <vector>

namespace vk::net::hub {

struct HubConfig {
    std::string databaseUrl;
    std::string listenHost = "127.0.0.1";
    int listenPort = 8443;
    std::filesystem::path tlsCert;
    std::filesystem::path tlsKey;
    int tombstoneDays = 90;
    int threads = 8;

    bool tls() const { return !tlsCert.empty(); }
};

// Every problem of the file, each with its key; empty when the configuration can be used.
std::vector<std::string> readHubConfig(const std::filesystem::path& file, HubConfig& config);
std::vector<std::string> parseHubConfig(const std::string& text, HubConfig& config);

}  // namespace vk::net::hub
