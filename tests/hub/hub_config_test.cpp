// hub.toml: what village-hub accepts, and the plain HTTP it refuses.

#include "net/hub/hub_config.h"

#include <catch2/catch.hpp>

using vk::net::hub::HubConfig;
using vk::net::hub::parseHubConfig;

TEST_CASE("hub.toml with a database, an address and a certificate is accepted", "[hub-config]") {
    HubConfig config;
    const auto problems = parseHubConfig("database_url = \"dbname=hub\"\nlisten = \"0.0.0.0:8443\"\n"
                                         "tls_cert = \"/etc/village-hub/cert.pem\"\ntls_key = \"/etc/village-hub/key.pem\"\n",
                                         config);
    CHECK(problems.empty());
    CHECK(config.listenHost == "0.0.0.0");
    CHECK(config.listenPort == 8443);
    CHECK(config.tls());
}

TEST_CASE("plain HTTP is refused on any address but a loopback one", "[hub-config]") {
    HubConfig config;
    auto problems = parseHubConfig("database_url = \"dbname=hub\"\nlisten = \"0.0.0.0:8080\"\n", config);
    REQUIRE(problems.size() == 1);
    CHECK(problems[0].find("plain HTTP is served on a loopback address only") != std::string::npos);
    HubConfig loopback;
    CHECK(parseHubConfig("database_url = \"dbname=hub\"\nlisten = \"127.0.0.1:8080\"\n", loopback).empty());
}

TEST_CASE("a broken hub.toml says what is wrong with each key", "[hub-config]") {
    HubConfig config;
    const auto problems = parseHubConfig("listen = \"nowhere\"\ntls_cert = \"/c.pem\"\nthreads = 0\ncolour = 1\n", config);
    const auto has = [&](const std::string& words) {
        for (const auto& problem : problems)
            if (problem.find(words) != std::string::npos) return true;
        return false;
    };
    CHECK(has("database_url: missing"));
    CHECK(has("listen: write address:port"));
    CHECK(has("give both"));
    CHECK(has("threads: a number from 1 to 256"));
    CHECK(has("colour: not a key of hub.toml"));
    HubConfig garbled;
    const auto unreadable = parseHubConfig("database_url = \"unterminated\n\x01", garbled);
    REQUIRE(unreadable.size() == 1);
    CHECK(unreadable[0].rfind("line 1", 0) == 0);
}
