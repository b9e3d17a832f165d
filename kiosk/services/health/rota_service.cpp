#include "kiosk/services/health/rota_service.h"

#include "kiosk/i18n/dates.h"
#include "kiosk/i18n/translations.h"
#include "kiosk/services/health/local_days.h"
#include "kiosk/services/user_text.h"
#include "storage/write_failure.h"

#include <algorithm>
#include <iostream>

namespace vk::services::health {
namespace {

constexpr std::size_t kMaxName = 120;
constexpr std::size_t kMaxReason = 200;

std::string weekLabel(const std::string& monday) {
    // "du lundi 23 au vendredi 27 novembre"
    return i18n::weekRange(monday);
}

}  // namespace

int lastDayShown(const RotaWeek& week) {
    for (int day = 6; day > 4; --day)
        if (week.days[static_cast<std::size_t>(day)].open()) return day;
    return 4;
}

RotaService::RotaService(storage::Database& db, const Clock& clock, StaffService& staff, RotaSettings settings)
    : store_(db), notices_(db), clock_(clock), staff_(staff), settings_(std::move(settings)) {}

std::vector<RotaWeek> RotaService::weeks(const std::string& fromDay, int count) {
    const std::string first = mondayOf(fromDay);
    const std::string last = addDays(first, 7 * count - 1);
    const auto visits = store_.visits(first, last);
    const auto hours = store_.hours(first, last);
    const auto closures = store_.closures(first, last);
    std::vector<RotaWeek> result;
    for (int w = 0; w < count; ++w) {
        RotaWeek week;
        week.monday = addDays(first, 7 * w);
        const std::string sunday = addDays(week.monday, 6);
        for (const auto& visit : visits)
            if (visit.lastDay >= week.monday && visit.firstDay <= sunday) week.visits.push_back(visit);
        for (int d = 0; d < 7; ++d) {
            RotaDay& day = week.days[static_cast<std::size_t>(d)];
            day.day = addDays(week.monday, d);
            for (const auto& h : hours)
                if (h.day == day.day) day.hours.push_back(h);
            for (const auto& c : closures)
                if (c.firstDay <= day.day && c.lastDay >= day.day) day.closure = c;
        }
        week.neighbours = store_.neighbourRotas(week.monday, sunday);
        result.push_back(std::move(week));
    }
    // Notices only matter for today and tomorrow; one query each, not one per day of every week.
    const std::string today = localDay(clock_.nowMs());
    for (auto& week : result)
        for (auto& day : week.days)
            if (day.day == today) day.notice = store_.dayNotice(today);
    return result;
}

TodayState RotaService::today() {
    const std::int64_t now = clock_.nowMs();
    const std::string day = localDay(now);
    const std::string time = localTime(now);
    TodayState state;
    for (const auto& visit : store_.visits(day, day)) state.doctors.push_back(visit.doctorName);
    if (const auto closures = store_.closures(day, day); !closures.empty()) {
        state.status = TodayStatus::Closure;
        state.reason = closures.front().reason;
        return state;
    }
    auto hours = store_.hours(day, day);
    const auto notice = store_.dayNotice(day);
    if (notice) {
        state.delayMinutes = notice->delayMinutes;
        if (notice->closesEarlyAt) {
            // An early closing cuts the sessions that run past it.
            const std::string cut = *notice->closesEarlyAt;
            std::erase_if(hours, [&](const storage::RotaHours& h) { return h.opens >= cut; });
            for (auto& h : hours) h.closes = std::min(h.closes, cut);
            state.closesEarly = true;
        }
    }
    if (hours.empty()) {
        state.status = TodayStatus::NoConsultation;
        return state;
    }
    for (const auto& h : hours)
        if (!h.doctorName.empty() && std::find(state.doctors.begin(), state.doctors.end(), h.doctorName) == state.doctors.end())
            state.doctors.push_back(h.doctorName);
    if (time < hours.front().opens) {
        state.status = TodayStatus::OpensLater;
        state.time = hours.front().opens;
        return state;
    }
    for (std::size_t i = 0; i < hours.size(); ++i) {
        if (time >= hours[i].opens && time < hours[i].closes) {
            state.status = TodayStatus::Open;
            state.time = hours[i].closes;
            return state;
        }
        if (i + 1 < hours.size() && time >= hours[i].closes && time < hours[i + 1].opens) {
            state.status = TodayStatus::Reopens;
            state.time = hours[i + 1].opens;
            return state;
        }
    }
    state.status = TodayStatus::Over;
    return state;
}

std::int64_t RotaService::lastUpdatedAt() { return store_.lastChangeAt(); }

bool RotaService::mayEdit(const StaffSession& actor) const {
    return actor.role == StaffRole::MedicalAssistant || actor.role == StaffRole::Admin;
}

RotaEditError RotaService::addVisit(const StaffSession& actor, const std::string& doctorName,
                                    const std::string& doctorTitle, const std::string& firstDay,
                                    const std::string& lastDay) {
    if (!mayEdit(actor)) return RotaEditError::NotAllowed;
    const std::string name = cleanUserText(doctorName, kMaxName);
    if (name.empty()) return RotaEditError::NameInvalid;
    if (!isValidDay(firstDay) || !isValidDay(lastDay)) return RotaEditError::BadDay;
    if (lastDay < firstDay) return RotaEditError::BadRange;
    storage::RotaVisit visit;
    visit.doctorName = name;
    visit.doctorTitle = cleanUserText(doctorTitle, kMaxName);
    visit.firstDay = firstDay;
    visit.lastDay = lastDay;
    staff_.inTransaction([&] {
        store_.addVisit(visit, clock_.nowMs());
        staff_.audit(&actor, "rota.visit.add", {{"doctor", name}, {"first_day", firstDay}, {"last_day", lastDay}});
    });
    return RotaEditError::None;
}

RotaEditError RotaService::addHours(const StaffSession& actor, const std::string& day, const std::string& opens,
                                    const std::string& closes) {
    if (!mayEdit(actor)) return RotaEditError::NotAllowed;
    if (!isValidDay(day)) return RotaEditError::BadDay;
    if (!isValidTime(opens) || !isValidTime(closes)) return RotaEditError::BadTime;
    if (closes <= opens) return RotaEditError::BadRange;
    storage::RotaHours hours;
    hours.day = day;
    hours.opens = opens;
    hours.closes = closes;
    staff_.inTransaction([&] {
        store_.addHours(hours, clock_.nowMs());
        staff_.audit(&actor, "rota.hours.add", {{"on_day", day}, {"opens_time", opens}, {"closes_time", closes}});
    });
    return RotaEditError::None;
}

RotaEditError RotaService::addClosure(const StaffSession& actor, const std::string& firstDay,
                                      const std::string& lastDay, const std::string& reason) {
    if (!mayEdit(actor)) return RotaEditError::NotAllowed;
    if (!isValidDay(firstDay) || !isValidDay(lastDay)) return RotaEditError::BadDay;
    if (lastDay < firstDay) return RotaEditError::BadRange;
    storage::RotaClosure closure;
    closure.firstDay = firstDay;
    closure.lastDay = lastDay;
    closure.reason = cleanUserText(reason, kMaxReason);
    staff_.inTransaction([&] {
        store_.addClosure(closure, clock_.nowMs());
        staff_.audit(&actor, "rota.closure.add", {{"first_day", firstDay}, {"last_day", lastDay}, {"reason", closure.reason}});
    });
    return RotaEditError::None;
}

RotaEditError RotaService::removeHours(const StaffSession& actor, const std::string& id) {
    if (!mayEdit(actor)) return RotaEditError::NotAllowed;
    staff_.inTransaction([&] {
        const auto hours = store_.hoursById(id);
        store_.removeHours(id, clock_.nowMs());
        if (hours)
            staff_.audit(&actor, "rota.hours.remove",
                         {{"on_day", hours->day}, {"opens_time", hours->opens}, {"closes_time", hours->closes}});
    });
    return RotaEditError::None;
}

RotaEditError RotaService::removeClosure(const StaffSession& actor, const std::string& id) {
    if (!mayEdit(actor)) return RotaEditError::NotAllowed;
    staff_.inTransaction([&] {
        const auto closure = store_.closure(id);
        store_.removeClosure(id, clock_.nowMs());
        if (closure)
            staff_.audit(&actor, "rota.closure.remove", {{"first_day", closure->firstDay}, {"last_day", closure->lastDay}});
    });
    return RotaEditError::None;
}

RotaEditError RotaService::removeVisit(const StaffSession& actor, const std::string& id) {
    if (!mayEdit(actor)) return RotaEditError::NotAllowed;
    staff_.inTransaction([&] {
        const auto visit = store_.visit(id);
        store_.removeVisit(id, clock_.nowMs());
        if (visit)
            staff_.audit(&actor, "rota.visit.remove",
                         {{"doctor", visit->doctorName}, {"first_day", visit->firstDay}, {"last_day", visit->lastDay}});
    });
    return RotaEditError::None;
}

RotaEditError RotaService::announce(const StaffSession& actor, int delayMinutes, const std::string& closesEarlyAt) {
    if (!mayEdit(actor)) return RotaEditError::NotAllowed;
    if (delayMinutes < 0 || delayMinutes > 600) return RotaEditError::BadRange;
    if (!closesEarlyAt.empty() && !isValidTime(closesEarlyAt)) return RotaEditError::BadTime;
    storage::RotaDayNotice notice;
    notice.day = localDay(clock_.nowMs());
    notice.delayMinutes = delayMinutes;
    if (!closesEarlyAt.empty()) notice.closesEarlyAt = closesEarlyAt;
    staff_.inTransaction([&] {
        store_.setDayNotice(notice, clock_.nowMs());
        if (delayMinutes > 0)
            staff_.audit(&actor, "rota.announce", {{"count", std::to_string(delayMinutes)}});
        if (!closesEarlyAt.empty()) staff_.audit(&actor, "rota.announce_early_close", {{"closes_time", closesEarlyAt}});
        if (delayMinutes == 0 && closesEarlyAt.empty()) staff_.audit(&actor, "rota.announce_cleared");
        if (delayListener_) delayListener_(actor, delayMinutes);
    });
    return RotaEditError::None;
}

std::string RotaService::describeSource(const std::string& urlOrFile) {
    const auto scheme = urlOrFile.find("://");
    if (scheme == std::string::npos) return urlOrFile;
    const auto hostStart = scheme + 3;
    auto hostEnd = urlOrFile.find_first_of("/?#", hostStart);
    std::string host = urlOrFile.substr(hostStart, hostEnd == std::string::npos ? std::string::npos : hostEnd - hostStart);
    if (const auto at = host.rfind('@'); at != std::string::npos) host = host.substr(at + 1);  // user:password@
    return host;
}

RotaImportReport RotaService::importCalendar(std::string_view icsText, const std::string& source,
                                             const StaffSession& actor) {
    return importText(icsText, source, true, actor);
}

RotaImportReport RotaService::importText(std::string_view icsText, const std::string& source, bool noticeSkipped,
                                         const StaffSession& actor) {
    try {
        return importUnguarded(icsText, source, noticeSkipped, actor);
    } catch (const std::exception& e) {
        // Every write of the import is in one transaction, rolled back by now: the previous rota is whole.
        RotaImportReport report;
        report.error = storage::describeWriteFailure(e) + "; nothing was imported";
        noticeFailure(describeSource(source), report.error);
        return report;
    }
}

RotaImportReport RotaService::importUnguarded(std::string_view icsText, const std::string& source, bool noticeSkipped,
                                              const StaffSession& actor) {
    const std::string sourceName = describeSource(source);
    RotaImportReport report;
    const std::int64_t now = clock_.nowMs();
    const std::string today = localDay(now);
    const CalendarWindow window{addDays(today, -7), addDays(today, 7 * settings_.importWeeks)};
    RotaCalendarResult parsed = parseRotaCalendar(icsText, window, settings_.timeZone, settings_.usualHours);
    report.skipped = parsed.calendar.skipped;
    if (!parsed.ok) {
        report.error = parsed.error;
        noticeFailure(sourceName, parsed.error);
        return report;
    }
    const RotaCalendar& calendar = parsed.calendar;
    const bool empty = calendar.visits.empty() && calendar.hours.empty() && calendar.closures.empty();
    if (empty) {
        // A feed that suddenly has nothing for the coming months is far more likely broken than true.
        bool hadFeedRows = false;
        for (const auto& v : store_.visits(window.firstDay, window.lastDay)) hadFeedRows |= v.source == storage::RotaSource::Feed;
        for (const auto& h : store_.hours(window.firstDay, window.lastDay)) hadFeedRows |= h.source == storage::RotaSource::Feed;
        if (hadFeedRows) {
            report.error = "the calendar holds no usable event for the coming weeks";
            noticeFailure(sourceName, report.error);
            return report;
        }
    }
    std::vector<storage::RotaVisit> visits;
    for (const auto& v : calendar.visits)
        visits.push_back({"", v.doctorName, v.doctorTitle, v.firstDay, v.lastDay, storage::RotaSource::Feed, v.sourceKey});
    std::vector<storage::RotaHours> hours;
    for (const auto& h : calendar.hours)
        hours.push_back({"", h.day, h.opens, h.closes, h.doctorName, storage::RotaSource::Feed, h.sourceKey});
    std::vector<storage::RotaClosure> closures;
    for (const auto& c : calendar.closures)
        closures.push_back({"", c.firstDay, c.lastDay, c.reason, storage::RotaSource::Feed, c.sourceKey});
    // The audit line and the notices are written with the rows, so that a full disk or a refused row leaves
    // neither a rota without its audit line nor half a rota.
    report.change = store_.replaceFeedRows(
        window.firstDay, window.lastDay, visits, hours, closures, now, [&](const storage::RotaChange& change) {
            staff_.audit(&actor, "rota.import",
                         {{"source", sourceName},
                          {"added", std::to_string(change.added)},
                          {"updated", std::to_string(change.updated)},
                          {"removed", std::to_string(change.removed)},
                          {"skipped", std::to_string(report.skipped.size())}});
            noticeChangedWeeks(change, sourceName);
            if (noticeSkipped) noticeSkippedEvents(report.skipped, sourceName);
        });
    report.applied = true;
    return report;
}

net::HttpRequest RotaService::feedRequest(const std::string& url) {
    net::HttpRequest request;
    request.url = url;
    try {
        if (const auto state = store_.feedState(url)) {
            // Validators only make sense while the copy they describe is still here.
            if (state->lastGoodBody) {
                request.ifNoneMatch = state->etag;
                request.ifModifiedSince = state->lastModified;
            }
        }
    } catch (const std::exception&) {
        // Without validators the feed is fetched in full: slower, never wrong.
    }
    return request;
}

RotaImportReport RotaService::applyFeedResponse(const std::string& url, const net::HttpResponse& response,
                                                const StaffSession& actor) {
    const std::string sourceName = describeSource(url);
    const std::int64_t now = clock_.nowMs();
    storage::RotaFeedState state;
    state.url = url;
    bool stateRead = true;
    try {
        if (auto stored = store_.feedState(url)) state = std::move(*stored);
    } catch (const std::exception& e) {
        // The state is only validators and the last good copy: the answer can still be applied, but the state is
        // then left as stored rather than overwritten with a blank one.
        stateRead = false;
        rememberUnstoredFailure(sourceName, "the feed's state could not be read: " + storage::describeWriteFailure(e));
    }
    state.lastAttemptAt = now;
    RotaImportReport report;
    if (response.outcome == net::HttpOutcome::NotModified) {
        state.lastError.reset();
        report.applied = true;
    } else if (response.outcome != net::HttpOutcome::Ok) {
        report.error = response.message;
        state.lastError = response.message;
        noticeFailure(sourceName, response.message);
    } else {
        // The same body as last time has had its skipped events noticed already.
        report = importText(response.body, url, state.lastGoodBody != response.body, actor);
        if (report.applied) {
            state.etag = response.etag;
            state.lastModified = response.lastModified;
            state.lastGoodBody = response.body;
            state.lastGoodAt = now;
            state.lastError.reset();
        } else {
            state.lastError = report.error;
        }
    }
    try {
        if (stateRead) store_.saveFeedState(state);
    } catch (const std::exception& e) {
        // The rota itself is already applied (or kept); only the next request loses its validators.
        rememberUnstoredFailure(sourceName, "the feed's state was not saved: " + storage::describeWriteFailure(e));
    }
    return report;
}

void RotaService::noticeChangedWeeks(const storage::RotaChange& change, const std::string& sourceName) {
    if (!change.any()) return;
    const std::string today = localDay(clock_.nowMs());
    const std::string horizon = addDays(mondayOf(today), 7 * settings_.noticeWeeks - 1);
    std::vector<std::string> weeks;
    for (const auto& day : change.days) {
        if (day < today || day > horizon) continue;
        const std::string monday = mondayOf(day);
        if (std::find(weeks.begin(), weeks.end(), monday) == weeks.end()) weeks.push_back(monday);
    }
    if (weeks.empty()) return;
    std::string list;
    for (const auto& monday : weeks) list += (list.empty() ? "" : ", ") + weekLabel(monday);
    notices_.add("rota", i18n::trf("rota.notice.changed", {{"weeks", list}, {"source", sourceName}}), clock_.nowMs());
}

void RotaService::noticeSkippedEvents(const std::vector<SkippedEvent>& skipped, const std::string& sourceName) {
    if (skipped.empty()) return;
    // The first few reasons tell the assistant what to fix in the calendar; the full list is in the import report.
    constexpr std::size_t kListed = 3;
    std::string reasons;
    for (std::size_t i = 0; i < skipped.size() && i < kListed; ++i)
        reasons += (reasons.empty() ? "" : "; ") + (skipped[i].uid.empty() ? "" : skipped[i].uid + ": ") + skipped[i].reason;
    if (skipped.size() > kListed) reasons += "…";
    notices_.add("rota",
                 i18n::trn("rota.notice.skipped", skipped.size(),
                           {{"source", sourceName}, {"count", std::to_string(skipped.size())}, {"reasons", reasons}}),
                 clock_.nowMs());
}

void RotaService::noticeFailure(const std::string& sourceName, const std::string& reason) {
    try {
        notices_.add("rota", i18n::trf("rota.notice.failed", {{"source", sourceName}, {"reason", reason}}),
                     clock_.nowMs());
    } catch (const std::exception& e) {
        // A full disk takes the notice down with the import: the system journal is all that is left.
        rememberUnstoredFailure(sourceName, reason + " (and the staff notice could not be stored: " +
                                                storage::describeWriteFailure(e) + ")");
    }
}

void RotaService::rememberUnstoredFailure(const std::string& sourceName, const std::string& reason) {
    std::cerr << "village-kiosk: rota from " << sourceName << ": " << reason << "\n";
}

}  // namespace vk::services::health
