#include "kiosk/cli/command_line.h"

#include "kiosk/cli/area_commands.h"

#include <charconv>

namespace vk::cli {
namespace {

std::optional<int> parseInt(const std::string& text) {
    int value = 0;
    const auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), value);
    if (error != std::errc() || end != text.data() + text.size()) return std::nullopt;
    return value;
}

}  // namespace

std::optional<std::pair<int, int>> parseSize(const std::string& text) {
    const auto x = text.find('x');
    if (x == std::string::npos) return std::nullopt;
    const auto width = parseInt(text.substr(0, x));
    const auto height = parseInt(text.substr(x + 1));
    if (!width || !height || *width < 320 || *height < 240 || *width > 8192 || *height > 8192) return std::nullopt;
    return std::make_pair(*width, *height);
}

std::string areaUsage() {
    std::string usage;
    for (const auto& command : areaCommands()) usage += command.usage;
    return usage;
}

// An area's verb is the first argument after any --config FILE and --data-dir DIR; what follows is the area's to
// read, so its options need not be known here.
bool parseAreaCommand(const std::vector<std::string>& arguments, CommandLine& line) {
    std::vector<std::string> rest;
    std::optional<std::string> verb;
    for (std::size_t i = 0; i < arguments.size(); ++i) {
        const std::string& argument = arguments[i];
        if ((argument == "--config" || argument == "--data-dir") && i + 1 < arguments.size()) {
            if (argument == "--config") line.configFile = arguments[++i];
            else line.dataDir = arguments[++i];
            continue;
        }
        if (!verb) {
            if (argument.starts_with("--") || !findAreaCommand(argument)) return false;
            verb = argument;
            continue;
        }
        rest.push_back(argument);
    }
    if (!verb) return false;
    line.command = Command::Area;
    line.areaVerb = *verb;
    line.areaArguments = std::move(rest);
    return true;
}

std::string usageText() {
    return R"(usage:
  village-kiosk [--config FILE] [--data-dir DIR] [--windowed WxH] [--renderer software|accelerated] [--demo]
      run the kiosk (full screen unless --windowed); --demo fills a new, empty database with the invented demo
      village, whose staff PINs are published: for trying the kiosk, never for a real one
  village-kiosk backup DEST                 copy the database, while the kiosk runs, to DEST (a file or a folder)
  village-kiosk staff list                  list the staff accounts
  village-kiosk staff add --name NAME --role medical_assistant|cafe_manager|admin
                                            add an account; the PIN is read from standard input
  village-kiosk staff set-pin ID            give an account a new PIN, read from standard input
  village-kiosk staff remove ID             remove an account
  village-kiosk rota import FILE|URL        import the doctor rota from an iCalendar file or address
  village-kiosk rota show [--weeks N]       print the coming weeks of the rota (4 by default)
  village-kiosk print-test [--printer ADDRESS] [--profile NAME]
                                            print a test receipt now and say how the printer answered
                                            (ADDRESS: usb, usb:VVVV:PPPP, tcp:IP[:PORT], file:/dev/usb/lp0, virtual:/path)
  village-kiosk appointments import FILE.csv
                                            import appointments from the booking tool's export
  village-kiosk check-config [FILE]         check a configuration file and say what is wrong, line by line
  village-kiosk purge                       delete personal data past its retention period now
  village-kiosk screenshot [--screen NAME] [--size WxH] [--language fr|en] [--demo] --out FILE.png
                                            draw a screen; without a database, or with --demo, the demo village
                                            from memory (staff screens too); an unknown NAME lists them
  village-kiosk doctor [--json]            check the database, disk, printer and readers, servers, clock and
                                            backups; exits 1 on a fault
  village-kiosk status [--json]            what the kiosk is doing: running or not, uptime, queues, feeds
  village-kiosk speak [--screen NAME] [--language fr|en] [--demo] --out FILE.wav
                                            write what a screen reads aloud (« Écouter ») as a WAV file,
                                            with the configured voice and volume; the same choice of screens
  village-kiosk --version | --help
)" + areaUsage() + R"(Every command takes --config FILE and --data-dir DIR.
)";
}

CommandLine parseCommandLine(const std::vector<std::string>& arguments) {
    CommandLine line;
    if (parseAreaCommand(arguments, line)) return line;
    line = CommandLine{};
    std::vector<std::string> positional;
    auto fail = [&](const std::string& message) {
        line.error = message;
        return line;
    };
    for (std::size_t i = 0; i < arguments.size(); ++i) {
        const std::string& argument = arguments[i];
        auto value = [&]() -> std::optional<std::string> {
            if (i + 1 >= arguments.size()) return std::nullopt;
            return arguments[++i];
        };
        if (argument == "--help" || argument == "-h") {
            line.command = Command::Help;
            return line;
        }
        if (argument == "--version") {
            line.command = Command::Version;
            return line;
        }
        if (argument.starts_with("--")) {
            const bool flag = argument == "--report-first-frame" || argument == "--demo" || argument == "--json";
            const auto v = flag ? std::optional<std::string>("") : value();
            if (!v) return fail(argument + " needs a value");
            if (argument == "--config") line.configFile = *v;
            else if (argument == "--data-dir") line.dataDir = *v;
            else if (argument == "--windowed") {
                line.windowed = parseSize(*v);
                if (!line.windowed) return fail("--windowed takes a size such as 1280x800");
            } else if (argument == "--renderer") {
                if (*v != "software" && *v != "accelerated") return fail("--renderer is software or accelerated");
                line.renderer = *v;
            } else if (argument == "--report-first-frame") line.reportFirstFrame = true;
            else if (argument == "--demo") line.demo = true;
            else if (argument == "--json") line.json = true;
            else if (argument == "--quit-after-ms") {
                const auto ms = parseInt(*v);
                if (!ms || *ms <= 0) return fail("--quit-after-ms takes a number of milliseconds");
                line.quitAfterMs = *ms;
            } else if (argument == "--busy-frames") {
                const auto frames = parseInt(*v);
                if (!frames || *frames <= 0) return fail("--busy-frames takes a number of frames");
                line.busyFrames = *frames;
            } else if (argument == "--name") line.staffName = *v;
            else if (argument == "--role") line.staffRole = *v;
            else if (argument == "--screen") line.screen = *v;
            else if (argument == "--printer") line.printer = *v;
            else if (argument == "--profile") line.profile = *v;
            else if (argument == "--weeks") {
                const auto weeks = parseInt(*v);
                if (!weeks || *weeks < 1 || *weeks > 52) return fail("--weeks takes a number from 1 to 52");
                line.weeks = *weeks;
            }
            else if (argument == "--language") line.language = *v;
            else if (argument == "--out") line.output = *v;
            else if (argument == "--size") {
                const auto size = parseSize(*v);
                if (!size) return fail("--size takes a size such as 1280x800");
                line.size = *size;
            } else return fail("unknown option " + argument);
            continue;
        }
        positional.push_back(argument);
    }
    if (positional.empty()) return line;
    const std::string& verb = positional[0];
    const std::size_t extra = positional.size() - 1;
    if (verb == "backup") {
        if (extra != 1) return fail("backup needs one destination: village-kiosk backup /media/usb/");
        line.command = Command::Backup;
        line.backupDestination = positional[1];
    } else if (verb == "staff") {
        line.command = Command::Staff;
        if (extra < 1) return fail("staff needs an action: list, add, set-pin or remove");
        line.staffAction = positional[1];
        if (line.staffAction == "list" && extra == 1) return line;
        if (line.staffAction == "add" && extra == 1) {
            if (line.staffName.empty() || line.staffRole.empty()) return fail("staff add needs --name and --role");
            return line;
        }
        if ((line.staffAction == "set-pin" || line.staffAction == "remove") && extra == 2) {
            line.staffId = positional[2];
            return line;
        }
        return fail("staff: use list, add --name NAME --role ROLE, set-pin ID or remove ID");
    } else if (verb == "rota") {
        line.command = Command::Rota;
        if (extra == 2 && positional[1] == "import") {
            line.rotaAction = "import";
            line.rotaSource = positional[2];
            return line;
        }
        if (extra == 1 && positional[1] == "show") {
            line.rotaAction = "show";
            return line;
        }
        return fail("rota: use import FILE|URL or show [--weeks N]");
    } else if (verb == "print-test" && extra == 0) {
        line.command = Command::PrintTest;
    } else if (verb == "appointments") {
        if (extra != 2 || positional[1] != "import") return fail("appointments: use import FILE.csv");
        line.command = Command::Appointments;
        line.appointmentsFile = positional[2];
    } else if (verb == "check-config") {
        if (extra > 1) return fail("check-config takes at most one file");
        line.command = Command::CheckConfig;
        if (extra == 1) line.configFile = positional[1];
    } else if (verb == "purge" && extra == 0) {
        line.command = Command::Purge;
    } else if (verb == "doctor" && extra == 0) {
        line.command = Command::Doctor;
    } else if (verb == "status" && extra == 0) {
        line.command = Command::Status;
    } else if (verb == "screenshot" && extra == 0) {
        line.command = Command::Screenshot;
        if (line.output.empty()) return fail("screenshot needs --out FILE.png");
    } else if (verb == "speak" && extra == 0) {
        line.command = Command::Speak;
        if (line.output.empty()) return fail("speak needs --out FILE.wav");
    } else {
        return fail("unknown command " + verb);
    }
    return line;
}

}  // namespace vk::cli
