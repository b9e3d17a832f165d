#pragma once
// The one configuration file (TOML) and its embedded defaults. docs/configuration.md lists every key.

#include "kiosk/services/area_settings.h"
#include "kiosk/services/screen_hours.h"
#include "kiosk/services/settings_reader.h"

#include <filesystem>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace vk::services {

enum class RendererChoice { Software, Accelerated };

// [sound]: the kiosk reading a screen aloud (espeak-ng) and the chime of a help request on the assistant's screens.
// Nothing sounds where no audio device is found, whatever this says.
struct SoundSettings {
    bool readAloud = true;     // the « Écouter » button on the residents' screens
    bool helpChime = true;     // a chime when a resident asks for the assistant
    bool callChime = false;    // a chime in the waiting room when a new ticket is called (docs/health.md)
    int volumePercent = 80;    // of the loudest the kiosk plays, for the voice and the chime
    std::string voiceFr = "fr";  // espeak-ng voice names (`espeak-ng --voices`)
    std::string voiceEn = "en";
    int wordsPerMinute = 140;  // a little slower than espeak-ng's 175: many residents are elderly
};

struct KioskConfig {
    std::string villageName = "Saint-Aubin-des-Prés";
    std::string language = "fr";
    std::string timeZone = "Europe/Paris";  // the village's; the kiosk's days and times are in it (empty: the system's)
    std::filesystem::path dataDir;  // empty: the default data folder (see defaultDataDir)
    // The invented demo village (staff with published PINs): for trying the kiosk, never for a real one.
    bool demoData = false;

    bool fullscreen = true;
    RendererChoice renderer = RendererChoice::Software;
    std::filesystem::path fontFile = "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf";
    std::filesystem::path boldFontFile = "/usr/share/fonts/truetype/dejavu/DejaVuSans-Bold.ttf";
    double textScale = 1.0;  // on top of the size derived from the screen height

    int idleTimeoutSeconds = 90;
    // [kiosk] screen_on_hours / screen_on_days: outside them the screen goes dark until touched (always lit by default).
    ScreenHours screenHours;
    // The display's diagonal, for sizes people can measure: touch targets of at least 9 mm (docs/accessibility.md).
    double screenDiagonalInches = 15.6;
    // [kiosk] rotation: how far the picture is turned clockwise to match a screen mounted turned (0, 90, 180, 270);
    // touch is turned back the same way (kiosk/app/screen_rotation.h).
    int rotationDegrees = 0;

    SoundSettings sound;

    // [retention]: periods set in the file; the others keep the default their area gives (retentionPeriods).
    std::map<std::string, int> retentionDays;

    // Each area's own section ([health], [staff], [devices]…), read by the area (kiosk/services/areas.cpp).
    AreaSettings areas;

    std::filesystem::path databaseFile() const;
};

struct ConfigLoad {
    KioskConfig config;
    std::vector<ConfigProblem> problems;
    std::string source;  // the file read, or "embedded defaults"
    bool usable() const;
};

// `sourceName` is used in messages only.
ConfigLoad parseConfig(std::string_view tomlText, const std::string& sourceName);
ConfigLoad loadConfigFile(const std::filesystem::path& file);

// The explicit file if given; otherwise the first of /etc/village-kiosk/kiosk.toml and
// $XDG_CONFIG_HOME/village-kiosk/kiosk.toml that exists; otherwise the embedded defaults.
ConfigLoad loadKioskConfig(const std::optional<std::filesystem::path>& explicitFile);

// "kiosk.toml, line 4, key kiosk.idle_timeout_seconds: must be a whole number of seconds"
std::string describeProblem(const ConfigProblem& problem, const std::string& source);

// An Olson time zone name that this machine's tzdata knows ("Europe/Paris").
bool isKnownTimeZone(const std::string& name);
// The configured zone if known, else the machine's (TZ, /etc/timezone, /etc/localtime), else "UTC".
std::string effectiveTimeZone(const KioskConfig& config);

// Every retention period in force: each area's defaults, with the file's [retention] values over them.
std::map<std::string, int> retentionPeriods(const KioskConfig& config);

// $XDG_DATA_HOME/village-kiosk, ~/.local/share/village-kiosk, or /var/lib/village-kiosk for a service user.
std::filesystem::path defaultDataDir();

}  // namespace vk::services
