// village-hub: a territory's hub. Serves kiosks' pushes and pulls, and manages their credentials.
//   village-hub --config hub.toml                         serve
//   village-hub --config hub.toml add-kiosk --territory T [--village V]   prints the new credential, nothing else
//   village-hub --config hub.toml revoke-kiosk ID
//   village-hub --config hub.toml purge                   forget tombstones older than tombstone_days now

#include "net/hub/hub_config.h"
#include "net/hub/hub_server.h"
#include "storage/hub/hub_store.h"

#include <csignal>
#include <iostream>
#include <string>
#include <vector>

namespace {

constexpr const char* kUsage =
    "usage: village-hub --config hub.toml                  serve the territory's kiosks\n"
    "       village-hub --config hub.toml add-kiosk --territory T [--village V]\n"
    "                                                      a new kiosk's credential, on standard output\n"
    "       village-hub --config hub.toml revoke-kiosk ID  refuse that credential from now on\n"
    "       village-hub --config hub.toml purge            forget tombstones older than tombstone_days\n";

int wrongArguments(const std::string& why) {
    std::cerr << "village-hub: " << why << "\n\n" << kUsage;
    return 2;
}

vk::net::hub::HubServer* runningServer = nullptr;

void onSignal(int) {
    // httplib's stop() only flips flags and shuts the listening socket: safe enough from a handler.
    if (runningServer) runningServer->stop();
}

}  // namespace

int main(int argc, char** argv) {
    std::vector<std::string> args(argv + 1, argv + argc);
    std::string configFile;
    std::vector<std::string> rest;
    for (std::size_t i = 0; i < args.size(); ++i) {
        if (args[i] == "--help" || args[i] == "-h") {
            std::cout << kUsage;
            return 0;
        }
        if (args[i] == "--config") {
            if (i + 1 >= args.size()) return wrongArguments("--config needs a file");
            configFile = args[++i];
        } else {
            rest.push_back(args[i]);
        }
    }
    if (configFile.empty()) return wrongArguments("give --config hub.toml");
    vk::net::hub::HubConfig config;
    const auto problems = vk::net::hub::readHubConfig(configFile, config);
    if (!problems.empty()) {
        for (const auto& problem : problems) std::cerr << "village-hub: " << configFile << ": " << problem << "\n";
        return 1;
    }

    try {
        if (!rest.empty() && rest[0] == "add-kiosk") {
            std::string territory;
            std::string village;
            for (std::size_t i = 1; i < rest.size(); ++i) {
                if ((rest[i] == "--territory" || rest[i] == "--village") && i + 1 < rest.size())
                    (rest[i] == "--territory" ? territory : village) = rest[i + 1], ++i;
                else return wrongArguments("add-kiosk takes --territory T and --village V");
            }
            if (territory.empty() || territory.size() > 80 || village.size() > 80)
                return wrongArguments("add-kiosk needs --territory T (at most 80 characters)");
            vk::storage::hub::HubStore store(config.databaseUrl);
            store.createSchema();
            std::cout << store.addKiosk(territory, village) << "\n";
            return 0;
        }
        if (!rest.empty() && rest[0] == "revoke-kiosk") {
            if (rest.size() != 2) return wrongArguments("revoke-kiosk takes the kiosk's id (the credential before the dot)");
            std::string id = rest[1].substr(0, rest[1].find('.'));
            vk::storage::hub::HubStore store(config.databaseUrl);
            store.createSchema();
            if (!store.revokeKiosk(id)) {
                std::cerr << "village-hub: no kiosk has the id " << id << "\n";
                return 1;
            }
            std::cerr << "village-hub: kiosk " << id << " revoked\n";
            return 0;
        }
        if (!rest.empty() && rest[0] == "purge") {
            vk::storage::hub::HubStore store(config.databaseUrl);
            store.createSchema();
            std::cout << store.purgeTombstones(config.tombstoneDays) << " record(s) forgotten\n";
            return 0;
        }
        if (!rest.empty()) return wrongArguments("unknown command « " + rest[0] + " »");

        vk::net::hub::HubServer server(config);
        std::string error;
        if (!server.bind(error)) {
            std::cerr << "village-hub: " << error << "\n";
            return 1;
        }
        runningServer = &server;
        std::signal(SIGTERM, onSignal);
        std::signal(SIGINT, onSignal);
        std::cerr << "village-hub: serving " << (config.tls() ? "https" : "http") << " on " << config.listenHost << ":"
                  << server.port() << "\n";
        // Tombstones past the window are forgotten at each start; a daily `village-hub purge` (a timer) does it
        // for a hub that runs for months.
        {
            vk::storage::hub::HubStore store(config.databaseUrl);
            store.purgeTombstones(config.tombstoneDays);
        }
        server.serve();
        runningServer = nullptr;
        return 0;
    } catch (const std::exception& failure) {
        std::cerr << "village-hub: " << failure.what() << "\n";
        return 1;
    }
}
