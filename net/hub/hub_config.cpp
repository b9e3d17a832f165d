#include "net/hub/hub_config.h"

#include <toml++/toml.h>

#include <fstream>
#include <sstream>

namespace vk::net::hub {

std::vector<std::string> parseHubConfig(const std::string& text, HubConfig& config) {
    std::vector<std::string> problems;
    toml::table table;
    try {
        table = toml::parse(text);
    } catch (const toml::parse_error& error) {
        std::ostringstream message;
        message << "line " << error.source().begin.line << ": " << error.description();
        return {message.str()};
    }
    for (const auto& [key, value] : table) {
        const std::string name(key.str());
        (void)value;
        if (name != "database_url" && name != "listen" && name != "tls_cert" && name != "tls_key" &&
            name != "tombstone_days" && name != "threads")
            problems.push_back(name + ": not a key of hub.toml");
    }
    if (const auto url = table["database_url"].value<std::string>()) config.databaseUrl = *url;
    else problems.push_back("database_url: missing (a libpq connection string, e.g. \"dbname=hub\")");
    if (table.contains("listen")) {
        const auto listen = table["listen"].value<std::string>();
        const auto colon = listen ? listen->rfind(':') : std::string::npos;
        int port = 0;
        if (colon != std::string::npos) {
            try {
                std::size_t used = 0;
                port = std::stoi(listen->substr(colon + 1), &used);
                if (used != listen->size() - colon - 1) port = -1;
            } catch (const std::exception&) {
                port = -1;
            }
        }
        if (colon == std::string::npos || colon == 0 || port < 0 || port > 65535)
            problems.push_back("listen: write address:port, e.g. \"0.0.0.0:8443\"");
        else {
            config.listenHost = listen->substr(0, colon);
            if (config.listenHost.size() > 2 && config.listenHost.front() == '[')
                config.listenHost = config.listenHost.substr(1, config.listenHost.size() - 2);
            config.listenPort = port;
        }
    }
    if (const auto cert = table["tls_cert"].value<std::string>()) config.tlsCert = *cert;
    if (const auto key = table["tls_key"].value<std::string>()) config.tlsKey = *key;
    if (config.tlsCert.empty() != config.tlsKey.empty())
        problems.push_back("tls_cert and tls_key: give both (HTTPS) or neither (plain HTTP on a loopback address)");
    if (!config.tls() && !isLoopbackHost(config.listenHost))
        problems.push_back("listen: plain HTTP is served on a loopback address only; give tls_cert and tls_key to "
                           "listen on " + config.listenHost);
    if (table.contains("tombstone_days")) {
        const auto days = table["tombstone_days"].value<std::int64_t>();
        if (!days || *days < 1 || *days > 3650) problems.push_back("tombstone_days: a number of days from 1 to 3650");
        else config.tombstoneDays = static_cast<int>(*days);
    }
    if (table.contains("threads")) {
        const auto threads = table["threads"].value<std::int64_t>();
        if (!threads || *threads < 1 || *threads > 256) problems.push_back("threads: a number from 1 to 256");
        else config.threads = static_cast<int>(*threads);
    }
    return problems;
}

std::vector<std::string> readHubConfig(const std::filesystem::path& file, HubConfig& config) {
    std::ifstream in(file);
    if (!in) return {file.string() + ": cannot be read"};
    std::ostringstream text;
    text << in.rdbuf();
    return parseHubConfig(text.str(), config);
}

}  // namespace vk::net::hub
