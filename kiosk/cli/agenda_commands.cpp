#include "kiosk/cli/agenda_commands.h"

#include "kiosk/services/agenda/agenda_area.h"
#include "kiosk/services/health/local_days.h"
#include "kiosk/services/kiosk_runtime.h"
#include "net/http_client.h"

#include <nlohmann/json.hpp>

#include <charconv>
#include <fstream>
#include <ostream>
#include <sstream>

namespace vk::cli {
namespace {

using nlohmann::json;
namespace agenda = services::agenda;

constexpr std::size_t kMaxFeedFileBytes = 16 * 1024 * 1024;

const services::StaffSession& commandLine() { return services::systemActor(services::SystemActor::CommandLine); }

int wrongArguments(std::ostream& err, const std::string& why) {
    err << "village-kiosk agenda: " << why << "\n\n" << agendaCommand().usage;
    return 2;
}

int refused(std::ostream& err, agenda::AgendaError error, const std::string& failure = {}) {
    err << "village-kiosk agenda: " << agenda::describeError(error) << (failure.empty() ? "" : ": " + failure) << "\n";
    return 1;
}

std::optional<std::int64_t> wholeNumber(const std::string& text) {
    std::int64_t value = 0;
    const auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), value);
    if (error != std::errc() || end != text.data() + text.size()) return std::nullopt;
    return value;
}

json eventJson(const agenda::AgendaEvent& e) {
    return json{{"id", e.id},
                {"title", e.details.title},
                {"place", e.details.place},
                {"description", e.details.description},
                {"day", e.details.day},
                {"starts_at", e.details.startsAt},
                {"ends_at", e.details.endsAt},
                {"capacity", e.details.capacity},
                {"price_cents", e.details.priceCents ? json(*e.details.priceCents) : json(nullptr)},
                {"registered", e.registered},
                {"waiting", e.waiting},
                {"places_left", e.placesLeft()},
                {"cancelled", e.cancelled()},
                {"imported", e.sourceKey.has_value()}};
}

json signUpJson(const agenda::SignUp& s) {
    return json{{"id", s.id},
                {"event_id", s.eventId},
                {"member_id", s.memberId ? json(*s.memberId) : json(nullptr)},
                {"name", s.name},
                {"state", storage::signUpStateKey(s.state)},
                {"ticket", s.ticketCode},
                {"phone", s.phone},
                {"email", s.email}};
}

// The options of `add` and `edit`; an edit starts from the event as it is.
bool readForm(const CommandArguments& arguments, agenda::EventForm& form, std::ostream& err, int& exitCode) {
    if (const auto v = arguments.option("title")) form.title = *v;
    if (const auto v = arguments.option("place")) form.place = *v;
    if (const auto v = arguments.option("description")) form.description = *v;
    if (const auto v = arguments.option("day")) form.day = *v;
    if (const auto v = arguments.option("time")) form.startsAt = *v;
    if (const auto v = arguments.option("end")) form.endsAt = *v;
    if (const auto v = arguments.option("capacity")) {
        const auto n = wholeNumber(*v);
        if (!n) {
            exitCode = wrongArguments(err, "--capacity takes a whole number of places (0: no limit)");
            return false;
        }
        form.capacity = *n < 0 || *n > agenda::EventAgenda::kMaxCapacity ? -1 : static_cast<int>(*n);
    }
    if (const auto v = arguments.option("price-cents")) {
        const auto n = wholeNumber(*v);
        if (!n) {
            exitCode = wrongArguments(err, "--price-cents takes a whole number of cents");
            return false;
        }
        form.priceCents = *n;
    }
    if (arguments.flag("free")) form.priceCents.reset();
    return true;
}

void printEvent(std::ostream& out, const agenda::AgendaEvent& e) {
    out << e.details.day << " " << e.details.startsAt << (e.details.endsAt.empty() ? "" : "–" + e.details.endsAt)
        << "  " << e.details.title;
    if (!e.details.place.empty()) out << " (" << e.details.place << ")";
    if (e.cancelled()) out << "  CANCELLED";
    else if (e.details.capacity == 0) out << "  " << e.registered << " signed up";
    else out << "  " << e.registered << "/" << e.details.capacity << " places, " << e.waiting << " waiting";
    out << "  " << e.id << "\n";
}

int runAdd(agenda::EventAgenda& book, const CommandArguments& arguments, std::ostream& out, std::ostream& err) {
    if (!arguments.option("title") || !arguments.option("day") || !arguments.option("time"))
        return wrongArguments(err, "add needs --title TITLE --day YYYY-MM-DD --time HH:MM");
    agenda::EventForm form;
    int exitCode = 0;
    if (!readForm(arguments, form, err, exitCode)) return exitCode;
    const auto change = book.addEvent(&commandLine(), form);
    if (!change.ok()) return refused(err, change.error, change.failure);
    if (arguments.json()) out << eventJson(*change.event).dump() << "\n";
    else out << change.event->id << "\n";
    return 0;
}

int runEdit(agenda::EventAgenda& book, const CommandArguments& arguments, std::ostream& out, std::ostream& err) {
    const auto id = arguments.option("event");
    if (!id) return wrongArguments(err, "edit needs --event ID");
    const auto event = book.event(*id);
    if (!event) return refused(err, agenda::AgendaError::EventUnknown);
    const auto& d = event->details;
    agenda::EventForm form{d.title, d.place, d.description, d.day, d.startsAt, d.endsAt, d.capacity, d.priceCents};
    int exitCode = 0;
    if (!readForm(arguments, form, err, exitCode)) return exitCode;
    const auto change = book.editEvent(&commandLine(), *id, form);
    if (!change.ok()) return refused(err, change.error, change.failure);
    if (arguments.json()) out << eventJson(*change.event).dump() << "\n";
    else printEvent(out, *change.event);
    return 0;
}

int runCancelEvent(agenda::EventAgenda& book, const CommandArguments& arguments, std::ostream& out, std::ostream& err) {
    const auto id = arguments.option("event");
    if (!id) return wrongArguments(err, "cancel-event needs --event ID");
    const auto change = book.cancelEvent(&commandLine(), *id);
    if (!change.ok()) return refused(err, change.error, change.failure);
    if (arguments.json()) out << json{{"cancelled", *id}, {"told", change.told}}.dump() << "\n";
    else out << "cancelled; " << change.told << " people told\n";
    return 0;
}

int runList(agenda::EventAgenda& book, services::KioskRuntime& runtime, const CommandArguments& arguments,
            std::ostream& out, std::ostream& err) {
    const std::string today = services::health::localDay(runtime.clock.nowMs());
    const std::string from = arguments.option("from").value_or(today);
    const std::string to = arguments.option("to").value_or(services::health::addDays(from, 27));
    if (!services::health::isValidDay(from) || !services::health::isValidDay(to) || to < from)
        return wrongArguments(err, "--from and --to take days written YYYY-MM-DD, the first not after the last");
    const auto events = book.between(from, to);
    if (arguments.json()) {
        json list = json::array();
        for (const auto& e : events) list.push_back(eventJson(e));
        out << json{{"from", from}, {"to", to}, {"events", list}}.dump() << "\n";
        return 0;
    }
    if (events.empty()) out << "no events from " << from << " to " << to << "\n";
    for (const auto& e : events) printEvent(out, e);
    return 0;
}

int runSignUps(agenda::EventAgenda& book, const CommandArguments& arguments, std::ostream& out, std::ostream& err) {
    const auto id = arguments.option("event");
    if (!id) return wrongArguments(err, "sign-ups needs --event ID");
    if (!book.event(*id)) return refused(err, agenda::AgendaError::EventUnknown);
    const auto signUps = book.signUpsOf(&commandLine(), *id);
    if (arguments.json()) {
        json list = json::array();
        for (const auto& s : signUps) list.push_back(signUpJson(s));
        out << json{{"event_id", *id}, {"sign_ups", list}}.dump() << "\n";
        return 0;
    }
    for (const auto& s : signUps)
        out << storage::signUpStateKey(s.state) << "  " << s.ticketCode << "  " << s.name << "\n";
    return 0;
}

int runSignUp(agenda::EventAgenda& book, const CommandArguments& arguments, std::ostream& out, std::ostream& err) {
    const auto id = arguments.option("event");
    const auto member = arguments.option("member");
    const auto name = arguments.option("name");
    if (!id || (!member && !name)) return wrongArguments(err, "sign-up needs --event ID and --member ID or --name NAME");
    agenda::SignUpRequest request;
    request.eventId = *id;
    request.who.memberId = member.value_or("");
    request.who.name = name.value_or("");
    request.who.phone = arguments.option("phone").value_or("");
    request.who.email = arguments.option("email").value_or("");
    request.source = agenda::SignUpSource::Counter;
    request.dedupeKey = arguments.option("key").value_or("");
    const auto result = book.signUp(&commandLine(), request);
    if (!result.ok()) return refused(err, result.error, result.failure);
    if (arguments.json()) {
        json answer = signUpJson(*result.signUp);
        answer["already_done"] = result.alreadyDone;
        answer["waiting_position"] = result.waitingPosition;
        out << answer.dump() << "\n";
    } else if (result.waiting) {
        out << "on the waiting list (" << result.waitingPosition << "), ticket " << result.signUp->ticketCode << "\n";
    } else {
        out << "signed up, ticket " << result.signUp->ticketCode << (result.alreadyDone ? " (already)" : "") << "\n";
    }
    return 0;
}

int runCancelSignUp(agenda::EventAgenda& book, const CommandArguments& arguments, std::ostream& out,
                    std::ostream& err) {
    const auto ticket = arguments.option("ticket");
    if (!ticket) return wrongArguments(err, "cancel needs --ticket CODE");
    const auto result = book.cancelByTicket(&commandLine(), *ticket);
    if (!result.ok()) return refused(err, result.error, result.failure);
    if (arguments.json()) {
        out << json{{"cancelled", result.cancelled->ticketCode},
                    {"promoted", result.promoted ? json(result.promoted->ticketCode) : json(nullptr)},
                    {"promoted_told", result.promotedTold}}
                   .dump()
            << "\n";
    } else {
        out << "cancelled " << result.cancelled->ticketCode;
        if (result.promoted)
            out << "; " << result.promoted->name << " moves up from the waiting list"
                << (result.promotedTold ? " (told)" : " (no phone nor e-mail: call them)");
        out << "\n";
    }
    return 0;
}

int runImport(agenda::EventAgenda& book, const CommandArguments& arguments, std::ostream& out, std::ostream& err) {
    if (arguments.positional.size() != 2) return wrongArguments(err, "import needs one FILE or URL");
    const std::string& source = arguments.positional[1];
    std::string text;
    if (source.starts_with("http://") || source.starts_with("https://")) {
        net::HttpRequest request;
        request.url = source;
        const net::HttpResponse response = net::HttpClient().get(request);
        if (response.outcome != net::HttpOutcome::Ok) {
            err << "village-kiosk agenda: could not fetch the feed: " << response.message << "\n";
            return 1;
        }
        text = response.body;
    } else {
        std::ifstream file(source, std::ios::binary);
        if (!file) {
            err << "village-kiosk agenda: cannot read « " << source << " »\n";
            return 1;
        }
        std::ostringstream content;
        content << file.rdbuf();
        text = content.str();
        if (text.size() > kMaxFeedFileBytes) {
            err << "village-kiosk agenda: « " << source << " » is larger than 16 MB; it was not read\n";
            return 1;
        }
    }
    const auto report = book.importFeed(&commandLine(), text);
    if (!report.ok()) {
        err << "village-kiosk agenda: the agenda was not changed: " << report.error << "\n";
        return 1;
    }
    if (arguments.json()) {
        json leftOut = json::array();
        for (const auto& l : report.leftOut) leftOut.push_back({{"uid", l.uid}, {"reason", l.reason}});
        out << json{{"added", report.added},       {"updated", report.updated}, {"unchanged", report.unchanged},
                    {"cancelled", report.cancelled}, {"told", report.told}, {"left_out", leftOut}}
                   .dump()
            << "\n";
        return 0;
    }
    out << "Agenda imported: " << report.added << " added, " << report.updated << " changed, " << report.unchanged
        << " unchanged, " << report.cancelled << " cancelled";
    if (report.told > 0) out << " (" << report.told << " people signed up told)";
    if (!report.leftOut.empty()) out << ", " << report.leftOut.size() << " events left out";
    out << ".\n";
    for (const auto& l : report.leftOut) out << "  left out " << l.uid << ": " << l.reason << "\n";
    return 0;
}

int runCounts(agenda::EventAgenda& book, const CommandArguments& arguments, std::ostream& out, std::ostream& err) {
    const auto from = arguments.option("from");
    const auto to = arguments.option("to");
    if (!from || !to || !services::health::isValidDay(*from) || !services::health::isValidDay(*to))
        return wrongArguments(err, "counts needs --from YYYY-MM-DD --to YYYY-MM-DD");
    const auto counts = book.countSignUps(*from, *to);
    if (arguments.json())
        out << json{{"from", *from}, {"to", *to}, {"signed_up", counts.signedUp}, {"attended", counts.attended},
                    {"events", counts.events}}
                   .dump()
            << "\n";
    else
        out << counts.signedUp << " signed up (" << counts.attended << " marked present) at " << counts.events
            << " events\n";
    return 0;
}

}  // namespace

int runAgendaCommand(services::KioskRuntime& runtime, const CommandArguments& arguments, std::istream& in,
                     std::ostream& out, std::ostream& err) {
    (void)in;
    auto& book = runtime.area<agenda::AgendaServices>().agenda;
    const std::string action = arguments.action();
    if (action == "add") return runAdd(book, arguments, out, err);
    if (action == "edit") return runEdit(book, arguments, out, err);
    if (action == "cancel-event") return runCancelEvent(book, arguments, out, err);
    if (action == "list") return runList(book, runtime, arguments, out, err);
    if (action == "sign-ups") return runSignUps(book, arguments, out, err);
    if (action == "sign-up") return runSignUp(book, arguments, out, err);
    if (action == "cancel") return runCancelSignUp(book, arguments, out, err);
    if (action == "import") return runImport(book, arguments, out, err);
    if (action == "counts") return runCounts(book, arguments, out, err);
    return wrongArguments(err, action.empty() ? "say what to do" : "unknown command « " + action + " »");
}

const AreaCommand& agendaCommand() {
    static const AreaCommand command{
        "agenda",
        "  village-kiosk agenda add --title TITLE --day YYYY-MM-DD --time HH:MM [--end HH:MM] [--place PLACE]\n"
        "                [--description TEXT] [--capacity N] [--price-cents N] [--json]   --capacity 0: no limit\n"
        "  village-kiosk agenda edit --event ID [any option of add] [--free] [--json]\n"
        "  village-kiosk agenda cancel-event --event ID [--json]   those signed up are told\n"
        "  village-kiosk agenda list [--from DAY] [--to DAY] [--json]   four weeks from today by default\n"
        "  village-kiosk agenda sign-ups --event ID [--json]   names, tickets and who waits\n"
        "  village-kiosk agenda sign-up --event ID --member ID|--name NAME [--phone P] [--email E] [--key K] [--json]\n"
        "  village-kiosk agenda cancel --ticket CODE [--json]   the first waiting moves up and is told\n"
        "  village-kiosk agenda import FILE|URL [--json]   an iCalendar feed (the network's tour dates)\n"
        "  village-kiosk agenda counts --from DAY --to DAY [--json]   sign-ups, for the impact report\n",
        {"free"},
        &runAgendaCommand};
    return command;
}

}  // namespace vk::cli
