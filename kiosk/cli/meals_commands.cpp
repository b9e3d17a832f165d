#include "kiosk/cli/meals_commands.h"

#include "kiosk/services/kiosk_runtime.h"
#include "kiosk/services/meals/meals_area.h"

#include <nlohmann/json.hpp>

#include <charconv>
#include <ostream>

namespace vk::cli {
namespace {

using nlohmann::json;
namespace meals = services::meals;

const services::StaffSession& commandLine() { return services::systemActor(services::SystemActor::CommandLine); }

int wrongArguments(std::ostream& err, const std::string& why) {
    err << "village-kiosk meals: " << why << "\n\n" << mealsCommand().usage;
    return 2;
}

int refused(std::ostream& err, meals::MealError error) {
    err << "village-kiosk meals: " << meals::describeError(error) << "\n";
    return 1;
}

int done(const CommandArguments& arguments, std::ostream& out, const std::string& what) {
    if (arguments.json()) out << json{{"done", what}}.dump() << "\n";
    else out << what << "\n";
    return 0;
}

json recipientJson(const meals::MealRecipient& r) {
    const auto& d = r.details;
    return json{{"id", r.id},
                {"name", d.name},
                {"mode", storage::mealModeKey(d.mode)},
                {"address", d.address},
                {"days", meals::weekdaysText(d.weekdays)},
                {"diet", d.diet},
                {"funder", d.funder},
                {"consent_on", d.consentOn},
                {"consent_by", d.consentBy},
                {"from", d.startsOn},
                {"to", d.endsOn ? json(*d.endsOn) : json(nullptr)},
                {"order", d.roundOrder}};
}

// The options of `add` and `edit`; an edit starts from the recipient as they are. False: the reason is on err.
bool readForm(const CommandArguments& arguments, meals::RecipientForm& form, std::ostream& err, int& exitCode) {
    if (const auto v = arguments.option("name")) form.name = *v;
    if (const auto v = arguments.option("mode")) form.mode = *v;
    if (const auto v = arguments.option("address")) form.address = *v;
    if (const auto v = arguments.option("days")) {
        const auto days = meals::parseWeekdays(*v);
        if (!days) {
            exitCode = refused(err, meals::MealError::DaysInvalid);
            return false;
        }
        form.weekdays = *days;
    }
    if (const auto v = arguments.option("diet")) form.diet = *v;
    if (const auto v = arguments.option("funder")) form.funder = *v;
    if (const auto v = arguments.option("consent-on")) form.consentOn = *v;
    if (const auto v = arguments.option("consent-by")) form.consentBy = *v;
    if (const auto v = arguments.option("from")) form.startsOn = *v;
    if (const auto v = arguments.option("to")) form.endsOn = *v;
    if (const auto v = arguments.option("order")) {
        const auto [end, error] = std::from_chars(v->data(), v->data() + v->size(), form.roundOrder);
        if (error != std::errc() || end != v->data() + v->size()) {
            exitCode = refused(err, meals::MealError::RoundOrderInvalid);
            return false;
        }
    }
    return true;
}

int printRecipient(const meals::RecipientResult& result, const CommandArguments& arguments, std::ostream& out,
                   std::ostream& err, const char* verb) {
    if (!result.ok()) return refused(err, result.error);
    if (arguments.json()) out << recipientJson(*result.recipient).dump() << "\n";
    else out << verb << " " << result.recipient->id << "\n";
    return 0;
}

int runAdd(meals::SeniorMeals& book, const services::meals::MealsSettings& settings,
           const CommandArguments& arguments, std::ostream& out, std::ostream& err) {
    meals::RecipientForm form;
    form.funder = settings.defaultFunder;
    form.startsOn = book.today();
    int exitCode = 0;
    if (!readForm(arguments, form, err, exitCode)) return exitCode;
    return printRecipient(book.addRecipient(&commandLine(), form), arguments, out, err, "registered");
}

int runEdit(meals::SeniorMeals& book, const CommandArguments& arguments, std::ostream& out, std::ostream& err) {
    const auto id = arguments.option("id");
    if (!id) return wrongArguments(err, "--id ID is needed");
    const auto before = book.recipient(&commandLine(), *id);
    if (!before) return refused(err, meals::MealError::RecipientUnknown);
    meals::RecipientForm form = meals::formOf(*before);
    int exitCode = 0;
    if (!readForm(arguments, form, err, exitCode)) return exitCode;
    return printRecipient(book.editRecipient(&commandLine(), *id, form), arguments, out, err, "changed");
}

int runList(meals::SeniorMeals& book, const CommandArguments& arguments, std::ostream& out) {
    json list = json::array();
    for (const auto& r : book.recipients(&commandLine())) {
        if (arguments.json()) list.push_back(recipientJson(r));
        else out << r.id << " " << storage::mealModeKey(r.details.mode) << " " << meals::weekdaysText(r.details.weekdays)
                 << " " << r.details.funder << " " << r.details.name << "\n";
    }
    if (arguments.json()) out << list.dump() << "\n";
    return 0;
}

int runDay(meals::SeniorMeals& book, const std::string& day, const CommandArguments& arguments, std::ostream& out,
           std::ostream& err) {
    meals::MealError error = meals::MealError::None;
    const meals::DayPlan plan = book.plan(&commandLine(), day, &error);
    if (error != meals::MealError::None) return refused(err, error);
    const meals::KitchenList kitchen = book.kitchenList(&commandLine(), day);
    const auto served = book.serviceDay(day);
    if (arguments.json()) {
        json rounds = json::array();
        for (const auto& round : plan.rounds) {
            json stops = json::array();
            for (const auto& stop : round.stops) stops.push_back(stop.id);
            rounds.push_back(json{{"driver_id", round.memberId}, {"driver", round.driverName}, {"stops", stops}});
        }
        json cafe = json::array();
        for (const auto& r : plan.atCafe) cafe.push_back(r.id);
        json home = json::array();
        for (const auto& r : plan.atHome) home.push_back(r.id);
        out << json{{"day", day},
                    {"cafe", cafe},
                    {"home", home},
                    {"cafe_diets", meals::dietSummary(kitchen.cafeDiets)},
                    {"home_diets", meals::dietSummary(kitchen.homeDiets)},
                    {"rounds", rounds},
                    {"served", served ? json(served->served) : json(nullptr)},
                    {"absent", served ? json(served->absent) : json(nullptr)}}
                   .dump()
            << "\n";
        return 0;
    }
    out << day << ": " << kitchen.atCafe << " at the café, " << kitchen.atHome << " at home\n";
    for (const auto& round : plan.rounds) {
        out << "round of " << round.driverName << ":\n";
        for (const auto& stop : round.stops) out << "  " << stop.details.name << ", " << stop.details.address << "\n";
    }
    if (plan.rounds.empty() && !plan.atHome.empty()) out << "no driver yet\n";
    if (served) out << "confirmed served: " << served->served << ", absent " << served->absent << "\n";
    return 0;
}

int runServe(meals::SeniorMeals& book, const std::string& day, const CommandArguments& arguments, std::ostream& out,
             std::ostream& err) {
    std::vector<std::string> absent;
    const std::string list = arguments.option("absent").value_or("");
    for (std::size_t begin = 0; begin < list.size();) {
        std::size_t end = list.find(',', begin);
        if (end == std::string::npos) end = list.size();
        if (end > begin) absent.push_back(list.substr(begin, end - begin));
        begin = end + 1;
    }
    const meals::ServeResult result = book.confirmServed(&commandLine(), day, absent);
    if (!result.ok()) return refused(err, result.error);
    if (arguments.json()) out << json{{"day", day}, {"served", result.served}, {"absent", result.absent}}.dump() << "\n";
    else out << day << ": " << result.served << " served, " << result.absent << " absent\n";
    return 0;
}

int runCount(meals::SeniorMeals& book, const CommandArguments& arguments, std::ostream& out, std::ostream& err) {
    const auto month = arguments.option("month");
    if (!month) return wrongArguments(err, "--month YYYY-MM is needed");
    meals::MealError error = meals::MealError::None;
    const auto counts = book.monthCount(*month, &error);
    if (error != meals::MealError::None) return refused(err, error);
    json funders = json::array();
    std::int64_t total = 0;
    for (const auto& c : counts) {
        total += c.total();
        funders.push_back(json{{"funder", c.funder}, {"cafe", c.atCafe}, {"home", c.atHome}, {"total", c.total()}});
        if (!arguments.json()) out << c.funder << ": " << c.atCafe << " at the café, " << c.atHome << " at home, "
                                   << c.total() << " in all\n";
    }
    if (arguments.json()) out << json{{"month", *month}, {"funders", funders}, {"total", total}}.dump() << "\n";
    else out << *month << ": " << total << " meals\n";
    return 0;
}

int runMealsCommand(services::KioskRuntime& runtime, const CommandArguments& arguments, std::istream& in,
                    std::ostream& out, std::ostream& err) {
    (void)in;
    auto& area = runtime.area<meals::MealsServices>();
    auto& book = area.meals;
    const std::string action = arguments.action();
    const std::string day = arguments.option("day").value_or(book.today());
    const std::string member = arguments.option("member").value_or("");
    if (action == "add") return runAdd(book, area.settings, arguments, out, err);
    if (action == "edit") return runEdit(book, arguments, out, err);
    if (action == "remove") {
        const auto error = book.removeRecipient(&commandLine(), arguments.option("id").value_or(""));
        return error == meals::MealError::None ? done(arguments, out, "removed") : refused(err, error);
    }
    if (action == "list") return runList(book, arguments, out);
    if (action == "day") return runDay(book, day, arguments, out, err);
    if (action == "drive") {
        const auto error = book.addDriver(&commandLine(), day, member);
        return error == meals::MealError::None ? done(arguments, out, "driving") : refused(err, error);
    }
    if (action == "undrive") {
        const auto error = book.removeDriver(&commandLine(), day, member);
        return error == meals::MealError::None ? done(arguments, out, "not driving") : refused(err, error);
    }
    if (action == "assign") {
        const auto error = book.assignStop(&commandLine(), day, arguments.option("id").value_or(""), member);
        return error == meals::MealError::None ? done(arguments, out, "assigned") : refused(err, error);
    }
    if (action == "print") {
        const std::string what = arguments.option("for").value_or("");
        if (what != "kitchen" && what != "drivers") return wrongArguments(err, "--for kitchen|drivers is needed");
        const auto result = what == "kitchen" ? book.printKitchen(&commandLine(), day)
                                              : book.printDrivers(&commandLine(), day);
        if (!result.ok()) return refused(err, result.error);
        return done(arguments, out, std::to_string(result.receipts) + " printed");
    }
    if (action == "serve") return runServe(book, day, arguments, out, err);
    if (action == "count") return runCount(book, arguments, out, err);
    return wrongArguments(err, action.empty() ? "say what to do" : "unknown command « " + action + " »");
}

}  // namespace

const AreaCommand& mealsCommand() {
    static const AreaCommand command{
        "meals",
        "  village-kiosk meals add --name NAME --mode cafe|home [--address TEXT] --days mon,wed,fri|daily\n"
        "                --consent-on YYYY-MM-DD --consent-by NAME [--funder TEXT] [--diet TEXT]\n"
        "                [--from DAY] [--to DAY] [--order N] [--json]   nobody is registered without consent\n"
        "  village-kiosk meals edit --id ID [the options of add] [--json]\n"
        "  village-kiosk meals remove --id ID   erased [retention] meals_days later; the counts stay\n"
        "  village-kiosk meals list [--json]   the register\n"
        "  village-kiosk meals day [--day DAY] [--json]   who eats that day (today by default), the rounds\n"
        "  village-kiosk meals drive|undrive --member ID [--day DAY]   a member of the board drives that day's round\n"
        "  village-kiosk meals assign --id RECIPIENT --member ID [--day DAY]   that delivery to that driver\n"
        "                (--member \"\": back to the even split)\n"
        "  village-kiosk meals print --for kitchen|drivers [--day DAY]   the day's lists on the receipt printer\n"
        "  village-kiosk meals serve [--day DAY] [--absent ID,ID] [--json]   the day's meals confirmed served\n"
        "  village-kiosk meals count --month YYYY-MM [--json]   meals per funder, at the café and at home\n",
        {},
        &runMealsCommand};
    return command;
}

}  // namespace vk::cli
