#pragma once
// The one configuration file (TOML) and its embedded defaults. docs/configuration.md lists every key.

#include <filesystem>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace vk::services {

enum class RendererChoice { Software, Accelerated };

struct KioskConfig {
    std::string villageName = "Saint-Aubin-des-Prés";
    std::string language = "fr";
    std::string timeZone = "Europe/Paris";  // the village's; the kiosk's days and times are in it (empty: the system's)
    std::filesystem::path dataDir;  // empty: the default data folder (see defaultDataDir)
    bool demoData = true;

    bool fullscreen = true;
    RendererChoice renderer = RendererChoice::Software;
    std::filesystem::path fontFile = "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf";
    std::filesystem::path boldFontFile = "/usr/share/fonts/truetype/dejavu/DejaVuSans-Bold.ttf";
    double textScale = 1.0;  // on top of the size derived from the screen height

    int idleTimeoutSeconds = 90;
    int staffIdleTimeoutSeconds = 180;
    int pinAttemptsBeforeLockout = 5;
    int pinLockoutMinutes = 5;
    int adminPinDigits = 6;

    std::map<std::string, int> retentionDays{{"audit_log_days", 365},    {"removed_staff_days", 365},
                                             {"appointments_days", 30},  {"patient_cards_days", 365},
                                             {"staff_notices_days", 90}, {"print_jobs_days", 7}};

    // Health centre.
    std::string rotaFeedUrl;  // an iCalendar feed (http or https); empty: the rota is kept by staff only
    int rotaRefreshMinutes = 60;
    int checkInEarlyMinutes = 60;  // a patient may check in this long before the appointment
    int checkInLateMinutes = 30;   // and this long after it
    std::string ticketPrefix = "M";
    std::string walkInTicketPrefix = "S";

    // Devices (docs/hardware.md). No printer: receipts become PNG previews in the data folder.
    std::string printerUri;  // "usb", "usb:04b8:0202", "tcp:192.0.2.10:9100", "file:/dev/usb/lp0", "virtual:/path"
    std::string printerProfile = "generic-80";
    std::string readerDevice;      // a keyboard-style reader: /dev/input/by-id/…-event-kbd
    std::string readerRole = "auto";  // "auto", "barcode" or "card": what the keyboard-style reader reads
    bool nfc = false;              // watch PC/SC (NFC) readers for cards
    std::string nfcReaderFilter;   // only PC/SC readers whose name holds this ("ACR122")

    std::filesystem::path databaseFile() const;
};

struct ConfigProblem {
    int line = 0;  // 0 when the problem has no place in the file
    std::string key;
    std::string message;
    bool fatal = true;
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

// $XDG_DATA_HOME/village-kiosk, ~/.local/share/village-kiosk, or /var/lib/village-kiosk for a service user.
std::filesystem::path defaultDataDir();

}  // namespace vk::services
