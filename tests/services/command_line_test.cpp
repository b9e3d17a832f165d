#include "kiosk/cli/command_line.h"

#include <catch2/catch.hpp>

using namespace vk::cli;

TEST_CASE("no arguments runs the kiosk full screen", "[cli]") {
    const CommandLine line = parseCommandLine({});
    CHECK(line.error.empty());
    CHECK(line.command == Command::RunKiosk);
    CHECK_FALSE(line.windowed);
}

TEST_CASE("the kiosk options are read", "[cli]") {
    const CommandLine line =
        parseCommandLine({"--windowed", "1024x600", "--data-dir", "/tmp/x", "--renderer", "accelerated"});
    REQUIRE(line.error.empty());
    REQUIRE(line.windowed);
    CHECK(line.windowed->first == 1024);
    CHECK(line.windowed->second == 600);
    CHECK(*line.dataDir == "/tmp/x");
    CHECK(*line.renderer == "accelerated");
}

TEST_CASE("the technician's commands are read", "[cli]") {
    CHECK(parseCommandLine({"backup", "/media/usb"}).backupDestination == "/media/usb");
    const CommandLine add = parseCommandLine({"staff", "add", "--name", "Claire", "--role", "admin"});
    CHECK(add.error.empty());
    CHECK(add.staffAction == "add");
    CHECK(add.staffName == "Claire");
    CHECK(parseCommandLine({"staff", "remove", "abc"}).staffId == "abc");
    CHECK(parseCommandLine({"check-config", "/etc/x.toml"}).configFile == "/etc/x.toml");
    const CommandLine shot = parseCommandLine({"screenshot", "--screen", "info", "--size", "1920x1080", "--out", "a.png"});
    CHECK(shot.command == Command::Screenshot);
    CHECK(shot.size == std::make_pair(1920, 1080));
}

TEST_CASE("wrong arguments say what to type instead", "[cli][bad-input]") {
    CHECK_THAT(parseCommandLine({"--windowed", "big"}).error, Catch::Contains("1280x800"));
    CHECK_THAT(parseCommandLine({"--windowed"}).error, Catch::Contains("needs a value"));
    CHECK_THAT(parseCommandLine({"backup"}).error, Catch::Contains("destination"));
    CHECK_THAT(parseCommandLine({"staff", "add", "--name", "X"}).error, Catch::Contains("--role"));
    CHECK_THAT(parseCommandLine({"reboot"}).error, Catch::Contains("unknown command reboot"));
    CHECK_THAT(parseCommandLine({"--colour", "red"}).error, Catch::Contains("unknown option --colour"));
    CHECK_THAT(parseCommandLine({"screenshot"}).error, Catch::Contains("--out"));
}
