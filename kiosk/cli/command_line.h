#pragma once
// The village-kiosk command line: the kiosk itself, and the technician's commands.

#include <filesystem>
#include <optional>
#include <string>
#include <vector>

namespace vk::cli {

enum class Command {
    RunKiosk, Backup, Staff, Rota, Appointments, PrintTest, CheckConfig, Purge, Screenshot, Speak, Help, Version,
    Doctor, Status,  // the technician's checks (kiosk/cli/doctor.h)
    Area,  // a verb an area brings (kiosk/cli/area_commands.cpp)
};

struct CommandLine {
    Command command = Command::RunKiosk;
    std::optional<std::filesystem::path> configFile;
    std::optional<std::filesystem::path> dataDir;
    // run
    std::optional<std::pair<int, int>> windowed;  // --windowed 1280x800
    std::optional<std::string> renderer;          // --renderer software|accelerated
    bool reportFirstFrame = false;                // --report-first-frame (benchmark)
    bool demo = false;                            // --demo: seed an empty database with the demo village
    int quitAfterMs = 0;                          // --quit-after-ms N (benchmark)
    int busyFrames = 0;                           // --busy-frames N (benchmark)
    // backup
    std::filesystem::path backupDestination;
    // doctor, status
    bool json = false;  // --json
    // staff: list | add | set-pin | remove, and their options
    std::string staffAction;
    std::string staffName;
    std::string staffRole;
    std::string staffId;
    // print-test [--printer ADDRESS] [--profile NAME]
    std::string printer;
    std::string profile;
    // appointments import FILE.csv
    std::filesystem::path appointmentsFile;
    // rota: import FILE|URL, show
    std::string rotaAction;
    std::string rotaSource;
    int weeks = 4;
    // screenshot, speak
    std::string screen = "home";
    std::pair<int, int> size{1280, 800};
    std::filesystem::path output;
    std::string language;

    // an area's command: its verb and everything after it but --config and --data-dir
    std::string areaVerb;
    std::vector<std::string> areaArguments;

    std::string error;  // set when the arguments are wrong; the message says what to type instead
};

CommandLine parseCommandLine(const std::vector<std::string>& arguments);
std::string usageText();

// "1280x800" → {1280, 800}
std::optional<std::pair<int, int>> parseSize(const std::string& text);

}  // namespace vk::cli
