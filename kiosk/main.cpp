// village-kiosk: the kiosk on the café counter, and the technician's commands.

#include "kiosk/app/headless_kiosk.h"
#include "kiosk/app/kiosk_window.h"
#include "kiosk/cli/admin_commands.h"
#include "kiosk/cli/area_commands.h"
#include "kiosk/cli/command_line.h"
#include "kiosk/cli/data_folder_owner.h"
#include "kiosk/cli/doctor.h"
#include "kiosk/cli/journal_priorities.h"
#include "kiosk/i18n/translations.h"
#include "kiosk/services/demo_data.h"
#include "kiosk/services/kiosk_runtime.h"
#include "kiosk/services/speech/speech_synthesizer.h"

#include <cstdlib>
#include <filesystem>
#include <ctime>
#include <iostream>
#include <memory>

namespace {

using namespace vk;

// Opens the screen `--screen` names in a kiosk drawn off screen, for a screenshot or its words read aloud.
// Without a database in the data folder, or with --demo, it is the demo village from memory (nothing is written
// to disk), and then the staff screens too, as the demo admin sees them; on a kiosk's own database the public
// screens only. Returns 0, or the exit code after saying what is wrong.
int openChosenScreen(const cli::CommandLine& line, services::KioskRuntime& runtime, bool demoVillage,
                     app::HeadlessKiosk& kiosk) {
    // A screen by its id ("health-rota"), or by the short name of its home tile ("health" for home.tile.health).
    app::ScreenRegistry& screens = kiosk.ui().screens();
    std::optional<app::ScreenId> chosen;
    for (const app::ScreenId& id : screens.ids())
        if (id.name == line.screen) chosen = id;
    for (const app::HomeTile& tile : screens.homeTiles())
        if (std::string("home.tile.") + line.screen == tile.id) chosen = tile.screen;
    const app::Screen* screen = chosen ? screens.find(*chosen) : nullptr;
    if (!screen || (!demoVillage && !screen->allowed(std::nullopt))) {
        std::string names;
        for (const app::ScreenId& id : screens.ids())
            if (demoVillage || screens.find(id)->allowed(std::nullopt))
                names += (names.empty() ? "" : ", ") + std::string(id.name);
        std::cerr << "village-kiosk: unknown screen " << line.screen << " (" << names << ")\n";
        return 2;
    }
    if (!screen->allowed(std::nullopt)) {
        for (const services::DemoAccount& demo : services::demoAccounts()) {
            if (demo.role != services::StaffRole::Admin) continue;
            for (const auto& account : runtime.staff.accounts())
                if (account.displayName == demo.name)
                    kiosk.state().staff = runtime.staff.signInWithPin(account.id, demo.pin).session;
        }
    }
    kiosk.ui().noteInput(runtime.clock.nowMs());  // as if just touched: the idle timeout does not send it home
    kiosk.ui().openScreen(*chosen);
    // Two frames: ImGui lays some things out from the previous frame's sizes.
    kiosk.frames(2);
    return 0;
}

bool setCommandLanguage(const cli::CommandLine& line) {
    if (line.language.empty() || i18n::setLanguage(line.language)) return true;
    std::cerr << "village-kiosk: unknown language " << line.language << "\n";
    return false;
}

int takeScreenshot(const cli::CommandLine& line, services::KioskRuntime& runtime, bool demoVillage) {
    if (!setCommandLanguage(line)) return 2;
    app::KioskServices services(runtime);
    app::HeadlessKiosk kiosk(&services, runtime.config, line.size.first, line.size.second);
    if (const int failed = openChosenScreen(line, runtime, demoVillage, kiosk)) return failed;
    if (!kiosk.savePng(line.output)) return 1;
    std::cout << "Wrote " << line.output.string() << "\n";
    return 0;
}

// What « Écouter » reads on a screen, as a WAV file, with the configured voice, speed and volume.
int speakScreen(const cli::CommandLine& line, services::KioskRuntime& runtime, bool demoVillage) {
    if (!setCommandLanguage(line)) return 2;
    app::KioskServices services(runtime);
    app::HeadlessKiosk kiosk(&services, runtime.config, line.size.first, line.size.second);
    if (const int failed = openChosenScreen(line, runtime, demoVillage, kiosk)) return failed;
    const std::string text = kiosk.ui().spokenText();
    if (text.empty()) {
        std::cerr << "village-kiosk: the screen " << line.screen << " reads nothing aloud (staff screens never do)\n";
        return 1;
    }
    services::SpeechSynthesizer voice(runtime.config.sound);
    if (!voice.problem().empty()) std::cerr << "village-kiosk: " << voice.problem() << "\n";
    if (!voice.ready()) return 1;
    const services::MonoPcm pcm = voice.speak(text, i18n::currentLanguage());
    std::string error;
    if (!services::writeWavFile(line.output, pcm, error)) {
        std::cerr << "village-kiosk: " << error << "\n";
        return 1;
    }
    std::cout << "Wrote " << line.output.string() << " (" << static_cast<int>(pcm.seconds() + 0.5) << " s): " << text << "\n";
    return 0;
}

}  // namespace

int main(int argc, char** argv) {
    cli::prefixJournalPrioritiesIfLogging();
    const cli::CommandLine line = cli::parseCommandLine(std::vector<std::string>(argv + 1, argv + argc));
    if (!line.error.empty()) {
        std::cerr << "village-kiosk: " << line.error << "\n\n" << cli::usageText();
        return 2;
    }
    if (line.command == cli::Command::Help) {
        std::cout << cli::usageText();
        return 0;
    }
    if (line.command == cli::Command::Version) {
        std::cout << "village-kiosk " << VK_VERSION << "\n";
        return 0;
    }

    services::ConfigLoad load = services::loadKioskConfig(line.configFile);
    if (line.dataDir) load.config.dataDir = *line.dataDir;
    if (line.command == cli::Command::CheckConfig) return cli::runCheckConfig(load, std::cout);
    if (const std::string problem = cli::becomeOwnerOf(load.config.databaseFile().parent_path()); !problem.empty()) {
        std::cerr << "village-kiosk: error: " << problem << "\n";
        return 1;
    }
    if (line.command == cli::Command::PrintTest) return cli::runPrintTest(load.config, line, std::cout, std::cerr);
    if (line.command == cli::Command::Doctor) return cli::runDoctor(load, line.json, std::cout);

    std::vector<std::string> notices;
    for (const auto& problem : load.problems) {
        const std::string text = services::describeProblem(problem, load.source);
        std::cerr << "village-kiosk: " << (problem.fatal ? "error: " : "warning: ") << text << "\n";
        if (!problem.fatal) notices.push_back(text);
    }
    // Every day and time the kiosk shows or compares is in the village's time zone, whatever the machine's.
    if (services::isKnownTimeZone(load.config.timeZone)) {
        setenv("TZ", load.config.timeZone.c_str(), 1);
        tzset();
    }
    if (!i18n::setLanguage(load.config.language)) {
        const std::string text = "language \"" + load.config.language + "\" is not available (fr, en); using French";
        std::cerr << "village-kiosk: warning: " << text << "\n";
        notices.push_back(text);
        i18n::setLanguage("fr");
        load.config.language = "fr";
    }

    app::WindowOptions window;
    window.fullscreen = load.config.fullscreen && !line.windowed;
    if (line.windowed) std::tie(window.width, window.height) = *line.windowed;
    window.renderer = load.config.renderer;
    if (line.renderer)
        window.renderer = *line.renderer == "software" ? services::RendererChoice::Software
                                                       : services::RendererChoice::Accelerated;
    window.reportFirstFrame = line.reportFirstFrame;
    window.quitAfterMs = line.quitAfterMs;
    window.busyFrames = line.busyFrames;

    std::string outOfOrder;
    if (!load.usable()) {
        outOfOrder = "The configuration cannot be used:";
        for (const auto& problem : load.problems)
            if (problem.fatal) outOfOrder += "\n" + services::describeProblem(problem, load.source);
    }
    std::unique_ptr<services::KioskRuntime> runtime;
    std::error_code noFile;
    const bool screenshotOfDemo = (line.command == cli::Command::Screenshot || line.command == cli::Command::Speak) &&
                                  (line.demo || !std::filesystem::exists(load.config.databaseFile(), noFile));
    if (outOfOrder.empty()) {
        try {
            services::RuntimeOptions runtimeOptions;
            runtimeOptions.inMemoryDatabase = screenshotOfDemo;
            runtimeOptions.startDevices = line.command == cli::Command::RunKiosk;
            // Only the kiosk itself, asked to, ever fills a database with the demo village, and a screenshot in
            // memory: never a command such as `staff add`.
            runtimeOptions.seedDemoData =
                screenshotOfDemo || (line.command == cli::Command::RunKiosk && (line.demo || load.config.demoData));
            runtime = std::make_unique<services::KioskRuntime>(load.config, runtimeOptions);
            for (const auto& problem : runtime->deviceProblems) {
                std::cerr << "village-kiosk: " << problem << "\n";
                notices.push_back(problem);
            }
        } catch (const storage::StorageError& error) {
            outOfOrder = error.what();
            std::cerr << "village-kiosk: " << error.what() << "\n";
        }
    }
    if (line.command != cli::Command::RunKiosk && !runtime) {
        if (!load.usable()) std::cerr << "village-kiosk: fix the configuration first (village-kiosk check-config)\n";
        return 1;
    }

    switch (line.command) {
    case cli::Command::Backup: return cli::runBackup(*runtime, line.backupDestination, std::cout, std::cerr);
    case cli::Command::Staff: return cli::runStaffCommand(*runtime, line, std::cin, std::cout, std::cerr);
    case cli::Command::Rota: return cli::runRotaCommand(*runtime, line, std::cout, std::cerr);
    case cli::Command::Appointments:
        return cli::runAppointmentsImport(*runtime, line.appointmentsFile, std::cout, std::cerr);
    case cli::Command::Purge: return cli::runPurge(*runtime, std::cout, std::cerr);
    case cli::Command::Status: return cli::runStatus(*runtime, line.json, std::cout);
    case cli::Command::Screenshot: return takeScreenshot(line, *runtime, screenshotOfDemo);
    case cli::Command::Speak: return speakScreen(line, *runtime, screenshotOfDemo);
    case cli::Command::Area: {
        const cli::AreaCommand& command = *cli::findAreaCommand(line.areaVerb);
        const cli::CommandArguments arguments = cli::parseCommandArguments(line.areaArguments, command.flags);
        if (!arguments.error.empty()) {
            std::cerr << "village-kiosk " << command.verb << ": " << arguments.error << "\n\n" << command.usage;
            return 2;
        }
        return command.run(*runtime, arguments, std::cin, std::cout, std::cerr);
    }
    default: break;
    }
    if (runtime && runtime->seededDemoData)
        std::cerr << "village-kiosk: new database at " << runtime->database.file().string()
                  << " with the demo village (staff PINs in the README)\n";
    if (runtime) cli::noteKioskStarted(runtime->config, runtime->clock.nowMs());
    return app::runKioskWindow(window, runtime.get(), load.config, notices, outOfOrder);
}
