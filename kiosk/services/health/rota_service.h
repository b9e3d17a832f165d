#pragma once
// The doctor rota as residents and staff see it: this week's doctor, the hours of each day, closures, today's
// state; staff edits; imports from an iCalendar file or feed that never replace a good rota with a bad one.

#include "kiosk/services/clock.h"
#include "kiosk/services/health/rota_calendar.h"
#include "kiosk/services/staff_service.h"
#include "net/http_client.h"
#include "storage/rota_store.h"
#include "storage/staff_notice_store.h"

#include <array>
#include <functional>
#include <optional>
#include <string>
#include <vector>

namespace vk::services::health {

struct RotaDay {
    std::string day;
    std::vector<storage::RotaHours> hours;
    std::optional<storage::RotaClosure> closure;
    std::optional<storage::RotaDayNotice> notice;
    bool open() const { return !closure && !hours.empty(); }
};

struct RotaWeek {
    std::string monday;
    std::vector<storage::RotaVisit> visits;
    std::array<RotaDay, 7> days;
    // The rotas of the neighbouring villages that week (from the territory hub), shown apart from this
    // centre's: never counted as this village's doctor.
    std::vector<storage::NeighbourRota> neighbours;
};

// The last day a week is shown to (4: Friday), later when the centre opens on Saturday or Sunday that week.
int lastDayShown(const RotaWeek& week);

enum class TodayStatus {
    Closure,        // a closure covers today (holiday…)
    NoConsultation,  // no hours today
    OpensLater,     // before the first session
    Open,           // in a session
    Reopens,        // between two sessions
    Over,           // after the last session
};

struct TodayState {
    TodayStatus status = TodayStatus::NoConsultation;
    std::string time;    // OpensLater/Reopens: when; Open: until when (an early closing included)
    std::string reason;  // Closure: why
    int delayMinutes = 0;
    bool closesEarly = false;
    std::vector<std::string> doctors;  // here today
};

struct RotaImportReport {
    bool applied = false;
    std::string error;  // why nothing was applied, for staff (English, from the parser or the network)
    storage::RotaChange change;
    std::vector<SkippedEvent> skipped;
};

enum class RotaEditError { None, NotAllowed, BadDay, BadTime, BadRange, NameInvalid };

struct RotaSettings {
    std::string timeZone = "Europe/Paris";  // the feed's times are shown in this zone
    int importWeeks = 26;                    // how far ahead an import reaches
    int noticeWeeks = 4;                     // a change within this many weeks warns staff
    std::vector<ConsultationSession> usualHours = defaultUsualHours();  // the days inside a multi-day visit
};

class RotaService {
public:
    RotaService(storage::Database& db, const Clock& clock, StaffService& staff, RotaSettings settings);

    std::vector<RotaWeek> weeks(const std::string& fromDay, int count);
    TodayState today();
    // When the rota last changed (an import that changed something, or a staff edit); 0 if never.
    std::int64_t lastUpdatedAt();

    // Staff edits; the actor must be a medical assistant or an admin. Each is audited.
    RotaEditError addVisit(const StaffSession& actor, const std::string& doctorName, const std::string& doctorTitle,
                           const std::string& firstDay, const std::string& lastDay);
    RotaEditError addHours(const StaffSession& actor, const std::string& day, const std::string& opens,
                           const std::string& closes);
    RotaEditError addClosure(const StaffSession& actor, const std::string& firstDay, const std::string& lastDay,
                             const std::string& reason);
    RotaEditError removeHours(const StaffSession& actor, const std::string& id);
    RotaEditError removeClosure(const StaffSession& actor, const std::string& id);
    RotaEditError removeVisit(const StaffSession& actor, const std::string& id);
    // Today's delay (0 to clear) and early closing time (empty to clear).
    RotaEditError announce(const StaffSession& actor, int delayMinutes, const std::string& closesEarlyAt);
    // Called inside announce()'s transaction with the delay announced (0: cleared), so that what it tells patients
    // is stored with the announcement or not at all (the health area's delay notices).
    using DelayListener = std::function<void(const StaffSession& actor, int delayMinutes)>;
    void setDelayListener(DelayListener listener) { delayListener_ = std::move(listener); }

    // Parses and applies a calendar; on any failure (a feed that is not iCalendar, a full disk, a row the database
    // refuses) nothing of it is applied, the rota stays as it was, staff get a notice and the report says why.
    // Events left out are listed in the report and in a staff notice. Never throws.
    // Audited under `actor`: the background feed, or the technician's command line.
    RotaImportReport importCalendar(std::string_view icsText, const std::string& sourceName,
                                    const StaffSession& actor = systemActor(SystemActor::RotaFeed));

    // The feed: a request carrying the last validators, and what to do with the answer. Neither throws.
    net::HttpRequest feedRequest(const std::string& url);
    RotaImportReport applyFeedResponse(const std::string& url, const net::HttpResponse& response,
                                       const StaffSession& actor = systemActor(SystemActor::RotaFeed));
    std::optional<storage::RotaFeedState> feedState(const std::string& url) { return store_.feedState(url); }

    // What staff may be shown of a feed address: its host only, since a private feed's URL often carries a token.
    static std::string describeSource(const std::string& urlOrFile);

private:
    bool mayEdit(const StaffSession& actor) const;
    void noticeChangedWeeks(const storage::RotaChange& change, const std::string& sourceName);
    RotaImportReport importText(std::string_view icsText, const std::string& source, bool noticeSkipped,
                                const StaffSession& actor);
    RotaImportReport importUnguarded(std::string_view icsText, const std::string& source, bool noticeSkipped,
                                     const StaffSession& actor);
    void noticeSkippedEvents(const std::vector<SkippedEvent>& skipped, const std::string& sourceName);
    // Never throws: when even the notice cannot be stored, the reason goes to the system journal (stderr).
    void noticeFailure(const std::string& sourceName, const std::string& reason);
    static void rememberUnstoredFailure(const std::string& sourceName, const std::string& reason);

    storage::RotaStore store_;
    storage::StaffNoticeStore notices_;
    const Clock& clock_;
    StaffService& staff_;
    RotaSettings settings_;
    DelayListener delayListener_;
};

}  // namespace vk::services::health
