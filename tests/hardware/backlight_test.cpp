#include "hardware/backlight.h"

#include <catch2/catch.hpp>

#include <filesystem>
#include <fstream>
#include <random>
#include <string>

namespace fs = std::filesystem;
using vk::hardware::Backlight;

namespace {

// A /sys/class/backlight of our own: one folder per device with its bl_power file.
struct FakeBacklightClass {
    FakeBacklightClass() {
        dir = fs::temp_directory_path() / ("vk-backlight-" + std::to_string(std::random_device{}()));
        fs::create_directories(dir);
    }
    ~FakeBacklightClass() {
        std::error_code ec;
        fs::remove_all(dir, ec);
    }
    void addDevice(const std::string& name, const std::string& power) {
        fs::create_directories(dir / name);
        std::ofstream(dir / name / "bl_power") << power << "\n";
    }
    std::string power(const std::string& name) const {
        std::ifstream in(dir / name / "bl_power");
        std::string value;
        in >> value;
        return value;
    }
    fs::path dir;
};

}  // namespace

TEST_CASE("the backlight goes out with a dark screen and comes back with a touch", "[backlight]") {
    FakeBacklightClass sys;
    sys.addDevice("intel_backlight", "0");
    sys.addDevice("acpi_video0", "0");
    fs::create_directories(sys.dir / "not-a-backlight");  // no bl_power: not a device to switch
    Backlight backlight(sys.dir);
    REQUIRE(backlight.present());
    CHECK(backlight.name() == "acpi_video0");  // the same one every start, by name
    CHECK_FALSE(backlight.setLit(false));
    CHECK(sys.power("acpi_video0") == "4");
    CHECK(sys.power("intel_backlight") == "0");
    CHECK_FALSE(backlight.setLit(true));
    CHECK(sys.power("acpi_video0") == "0");
}

TEST_CASE("a kiosk left dark by a crash lights its backlight at the next start", "[backlight]") {
    FakeBacklightClass sys;
    sys.addDevice("panel", "4");
    Backlight backlight(sys.dir);
    CHECK_FALSE(backlight.setLit(true));
    CHECK(sys.power("panel") == "0");
}

TEST_CASE("without a backlight device, or with one gone, the screen only goes black and the kiosk says why once",
          "[backlight][bad-input]") {
    FakeBacklightClass sys;
    Backlight none(sys.dir);
    CHECK_FALSE(none.present());
    CHECK_FALSE(none.setLit(false));
    CHECK_FALSE(Backlight(sys.dir / "missing").present());

    sys.addDevice("panel", "0");
    Backlight backlight(sys.dir);
    REQUIRE(backlight.present());
    fs::remove_all(sys.dir / "panel");  // the panel's driver unloaded under the kiosk
    const auto problem = backlight.setLit(false);
    REQUIRE(problem);
    CHECK(problem->find("cannot switch off the backlight panel") != std::string::npos);
    CHECK_FALSE(backlight.setLit(false));  // the next evening says nothing new
    CHECK(backlight.setLit(true));         // a different failure is said
}
