#include "kiosk/app/kiosk_services.h"
#include "kiosk/i18n/dates.h"
#include "kiosk/i18n/translations.h"
#include "kiosk/screens/health/health_screens.h"
#include "kiosk/services/health/health_area.h"
#include "kiosk/services/health/local_days.h"
#include "kiosk/services/speech/spoken_sentences.h"
#include "kiosk/ui/solid_fill.h"
#include "kiosk/ui/widgets.h"

#include <algorithm>

namespace vk::screens {

using i18n::tr;
namespace health = services::health;

namespace {

// "lundi 23"
std::string dayLabel(const std::string& day) {
    const int weekday = (health::weekdayIndex(day) + 1) % 7;  // the catalogs count from Sunday
    return std::string(tr("date.weekday." + std::to_string(weekday))) + " " + i18n::dayOfMonth(std::stoi(day.substr(8, 2)));
}

// "9 h", "17 h 30": the way a French notice on a door says it.
std::string hoursText(const health::RotaDay& day) {
    if (day.closure) return tr("rota.closed") + (day.closure->reason.empty() ? "" : " – " + day.closure->reason);
    if (day.hours.empty()) return tr("health.no_consultation");
    std::string text;
    for (const auto& h : day.hours) text += (text.empty() ? "" : "   ") + i18n::spokenTime(h.opens) + " – " + i18n::spokenTime(h.closes);
    return text;
}

// The same, said: « de 9 h à 12 h, et de 14 h à 17 h 30 ».
std::string spokenHours(const health::RotaDay& day) {
    if (day.closure || day.hours.empty()) return hoursText(day);
    std::string text;
    for (const auto& h : day.hours)
        text += (text.empty() ? "" : ", ") +
                i18n::trf("health.spoken_hours", {{"opens", i18n::spokenTime(h.opens)}, {"closes", i18n::spokenTime(h.closes)}});
    return text;
}

// A neighbouring village's week: who, then the days and hours (or the days of the visits).
struct NearbyLines {
    std::string who;
    std::string when;
    std::string days;  // the days alone, for a column too short for the hours
};

NearbyLines nearbyLines(const storage::NeighbourRota& rota) {
    std::vector<std::string> names;
    const auto addName = [&](const std::string& name) {
        if (!name.empty() && std::find(names.begin(), names.end(), name) == names.end()) names.push_back(name);
    };
    for (const auto& visit : rota.visits) addName(visit.doctorName);
    for (const auto& hours : rota.hours) addName(hours.doctorName);
    std::string doctors;
    for (const auto& name : names) doctors += (doctors.empty() ? "" : ", ") + name;
    NearbyLines lines;
    lines.who = doctors.empty() ? rota.village : i18n::trf("health.nearby.doctors", {{"village", rota.village}, {"doctors", doctors}});
    std::string day;
    for (const auto& h : rota.hours) {
        if (h.day != day) {
            lines.when += (lines.when.empty() ? "" : "  ·  ") + dayLabel(h.day);
            lines.days += (lines.days.empty() ? "" : ", ") + dayLabel(h.day);
            day = h.day;
        }
        lines.when += " " + i18n::spokenTime(h.opens) + " – " + i18n::spokenTime(h.closes);
    }
    if (rota.hours.empty())
        for (const auto& visit : rota.visits)
            lines.when += (lines.when.empty() ? "" : "  ·  ") + i18n::dayRange(visit.firstDay, visit.lastDay, false);
    if (lines.days.empty()) lines.days = lines.when;
    return lines;
}

// The least « Dans les villages voisins » takes: its heading and its first village with the days alone.
float nearbyLeastHeight(const std::vector<storage::NeighbourRota>& neighbours, float width) {
    if (neighbours.empty()) return 0.0f;
    const ui::Fonts& fonts = ui::fonts();
    const NearbyLines lines = nearbyLines(neighbours.front());
    const std::string words = lines.days.empty() ? lines.who : lines.who + "  ·  " + lines.days;
    const float spacing = ImGui::GetStyle().ItemSpacing.y;
    return fonts.body->CalcTextSizeA(fonts.body->FontSize, FLT_MAX, width, tr("health.nearby.title")).y +
           fonts.body->CalcTextSizeA(fonts.body->FontSize, FLT_MAX, width, words.c_str()).y + ui::em(0.4f) +
           spacing * 4.0f;
}

// « Dans les villages voisins »: apart from this centre's rota, a village a block, as many whole blocks as fit
// above `bottom` (none, nor the heading, when the first does not).
void drawNearby(const std::vector<storage::NeighbourRota>& neighbours, float width, float bottom) {
    const ui::Fonts& fonts = ui::fonts();
    const auto height = [&](ImFont* font, const std::string& words) {
        return font->CalcTextSizeA(font->FontSize, FLT_MAX, width, words.c_str()).y + ImGui::GetStyle().ItemSpacing.y;
    };
    const std::string heading = tr("health.nearby.title");
    bool headingDrawn = false;
    for (const auto& rota : neighbours) {
        const NearbyLines lines = nearbyLines(rota);
        // One paragraph a village, with the hours, or with the days alone where the hours do not fit.
        const float headingNeeded =
            headingDrawn ? 0.0f : height(fonts.body, heading) + ui::em(0.4f) + ImGui::GetStyle().ItemSpacing.y * 2.0f;
        const float room = bottom - ImGui::GetCursorScreenPos().y - headingNeeded;
        std::string words = lines.when.empty() ? lines.who : lines.who + "  ·  " + lines.when;
        if (height(fonts.body, words) > room) words = lines.days.empty() ? lines.who : lines.who + "  ·  " + lines.days;
        if (height(fonts.body, words) > room) break;
        if (!headingDrawn) {
            // A rule and the heading in the centre's colour: what follows is not this centre's rota.
            ImGui::Dummy(ui::em(1.0f, 0.2f));
            const ImVec2 ruleAt = ImGui::GetCursorScreenPos();
            ImGui::GetWindowDrawList()->AddLine(ruleAt, ImVec2(ruleAt.x + width, ruleAt.y), ui::colors::kHealth,
                                                std::max(1.0f, ui::em(0.08f)));
            ImGui::Dummy(ui::em(1.0f, 0.2f));
            ui::textWrapped(heading, width, fonts.body, ui::colors::kHealth);
            headingDrawn = true;
        }
        ui::textWrapped(words, width, fonts.body);
    }
}

struct StateBanner {
    std::string text;
    ImU32 color;
};

StateBanner todayBanner(const health::TodayState& today) {
    using health::TodayStatus;
    switch (today.status) {
    case TodayStatus::Closure:
        return {today.reason.empty() ? tr("health.today.closed") : i18n::trf("health.today.closed_because", {{"reason", today.reason}}),
                ui::colors::kDanger};
    case TodayStatus::NoConsultation: return {tr("health.today.no_consultation"), ui::colors::kDanger};
    case TodayStatus::OpensLater: return {i18n::trf("health.today.opens_at", {{"time", i18n::spokenTime(today.time)}}), ui::colors::kParcels};
    case TodayStatus::Open:
        return {i18n::trf(today.closesEarly ? "health.today.open_closes_early" : "health.today.open_until",
                          {{"time", i18n::spokenTime(today.time)}}),
                ui::colors::kSuccess};
    case TodayStatus::Reopens: return {i18n::trf("health.today.reopens_at", {{"time", i18n::spokenTime(today.time)}}), ui::colors::kParcels};
    case TodayStatus::Over: return {tr("health.today.over"), ui::colors::kTextMuted};
    }
    return {"", ui::colors::kText};
}

// The public rota as last read, read again when the minute changes (today's state moves with the clock) or
// when the feed brought a new rota.
struct RotaView {
    std::vector<health::RotaWeek> weeks;
    health::TodayState today;
    std::int64_t updatedAt = 0;
    std::int64_t loadedMinute = -1;
};

void refresh(RotaView& view, app::KioskServices& services) {
    const std::int64_t minute = services.clock.nowMs() / 60'000;
    health::RotaService& rota = services.area<health::HealthServices>().rota;
    const std::int64_t updatedAt = rota.lastUpdatedAt();
    if (view.loadedMinute == minute && view.updatedAt == updatedAt) return;
    view.loadedMinute = minute;
    view.weeks = rota.weeks(health::displayedWeekMonday(health::localDay(services.clock.nowMs())), 4);
    view.today = rota.today();
    view.updatedAt = updatedAt;
}

void drawThisWeek(const health::RotaWeek& week, const std::string& today, float width) {
    const ui::Fonts& fonts = ui::fonts();
    if (week.visits.empty()) {
        ui::textWrapped(tr("health.no_doctor_this_week"), width, fonts.title);
    }
    for (const auto& visit : week.visits) {
        ui::text(visit.doctorName, fonts.title, ui::colors::kHealth);
        if (!visit.doctorTitle.empty()) ui::text(visit.doctorTitle, fonts.body, ui::colors::kTextMuted);
        ui::textWrapped(i18n::trf("health.visit_days", {{"range", i18n::dayRange(visit.firstDay, visit.lastDay, false)}}), width);
    }
    ImGui::Dummy(ui::em(1.0f, 0.2f));
    for (const auto& day : week.days) {
        const ImVec2 rowMin = ImGui::GetCursorScreenPos();
        // The hours beside the day, wrapped under themselves when the column is narrow (large text).
        const std::string hours = hoursText(day);
        const float hoursWidth = width - ui::em(6.5f);
        const float hoursHeight = fonts.body->CalcTextSizeA(fonts.body->FontSize, FLT_MAX, hoursWidth, hours.c_str()).y;
        const float rowHeight = std::max(ui::em(1.3f), hoursHeight + ui::em(0.3f));
        // Today's row is marked, so that a glance finds it.
        if (day.day == today)
            ui::fillRoundedRect(ImGui::GetWindowDrawList(), ImVec2(rowMin.x - ui::em(0.3f), rowMin.y),
                                ImVec2(rowMin.x + width, rowMin.y + rowHeight), ui::colors::kNotice, ui::em(0.2f));
        ImGui::SetCursorScreenPos(ImVec2(rowMin.x, rowMin.y + ui::em(0.15f)));
        ui::text(dayLabel(day.day), fonts.body);
        ImGui::SetCursorScreenPos(ImVec2(rowMin.x + ui::em(6.5f), rowMin.y + ui::em(0.15f)));
        ui::textWrapped(hours, hoursWidth, fonts.body, day.open() ? ui::colors::kText : ui::colors::kTextMuted);
        ImGui::SetCursorScreenPos(ImVec2(rowMin.x, rowMin.y + rowHeight));
    }
}

class HealthScreen final : public app::Screen {
public:
    void draw(app::ScreenContext& context) override;
    // Today's state and delay, then this week's doctors and their days, as the left half of the screen shows them.
    std::string spokenText(app::ScreenContext& context) override {
        refresh(view_, context.services);
        std::vector<std::string> parts{todayBanner(view_.today).text};
        if (view_.today.delayMinutes > 0)
            parts.push_back(i18n::trf("health.today.delay", {{"minutes", std::to_string(view_.today.delayMinutes)}}));
        if (!view_.weeks.empty()) {
            const health::RotaWeek& week = view_.weeks.front();
            if (week.visits.empty()) parts.push_back(tr("health.no_doctor_this_week"));
            for (const auto& visit : week.visits) {
                parts.push_back(visit.doctorName + (visit.doctorTitle.empty() ? "" : ", " + visit.doctorTitle));
                parts.push_back(i18n::trf("health.visit_days", {{"range", i18n::dayRange(visit.firstDay, visit.lastDay)}}));
            }
            for (const auto& day : week.days) parts.push_back(dayLabel(day.day) + ", " + spokenHours(day));
            if (!week.neighbours.empty()) parts.push_back(tr("health.nearby.title"));
            for (const auto& rota : week.neighbours) {
                const NearbyLines lines = nearbyLines(rota);
                parts.push_back(lines.who);
                if (!lines.when.empty()) parts.push_back(lines.when);
            }
        }
        parts.push_back(tr("health.check_in"));
        return services::joinSentences(parts);
    }

private:
    RotaView view_;
};

void HealthScreen::draw(app::ScreenContext& context) {
    app::KioskServices& services = context.services;
    if (ui::headerBar(tr("home.tile.health"), true)) {
        context.returnHome("back");
        return;
    }
    refresh(view_, services);
    const RotaView& view = view_;
    const ui::Fonts& fonts = ui::fonts();
    const ImVec2 area = ImGui::GetContentRegionAvail();
    const ImVec2 origin = ImGui::GetCursorScreenPos();
    const float gap = ui::em(1.0f);
    const float left = (area.x - gap) * 0.58f;
    const float right = area.x - gap - left;
    const std::string today = health::localDay(services.clock.nowMs());

    // Today first, in colour: it answers the question most people come with.
    const StateBanner banner = todayBanner(view.today);
    // The state in large type when it fits the band, in body type when a long closure reason does not, on as
    // many lines as it takes (large text).
    const float bannerInner = left - ui::em(1.2f);
    ImFont* bannerFont =
        fonts.title->CalcTextSizeA(fonts.title->FontSize, FLT_MAX, 0.0f, banner.text.c_str()).x < bannerInner ? fonts.title
                                                                                                               : fonts.body;
    const float textHeight = bannerFont->CalcTextSizeA(bannerFont->FontSize, FLT_MAX, bannerInner, banner.text.c_str()).y;
    const float bannerHeight = std::max(ui::em(2.4f), textHeight + ui::em(0.8f));
    const ImVec2 bannerMin = origin;
    const ImVec2 bannerMax(origin.x + left, origin.y + bannerHeight);
    ui::fillRoundedRect(ImGui::GetWindowDrawList(), bannerMin, bannerMax, banner.color, ui::em(0.4f));
    ImGui::SetCursorScreenPos(ImVec2(origin.x + ui::em(0.6f), origin.y + (bannerHeight - textHeight) * 0.5f));
    ui::textWrapped(banner.text, bannerInner, bannerFont, ui::colors::kOnDark);
    const float y = bannerMax.y + ui::em(0.4f);

    ImGui::SetCursorScreenPos(ImVec2(origin.x, y + ui::em(0.3f)));
    ImGui::BeginGroup();
    if (!view.weeks.empty()) drawThisWeek(view.weeks.front(), today, left);
    ImGui::EndGroup();

    // Right: checking in, then the coming weeks.
    ImGui::SetCursorScreenPos(ImVec2(origin.x + left + gap, origin.y));
    ImGui::BeginGroup();
    if (ui::button("health.check_in", tr("health.check_in"), ImVec2(right, ui::em(3.6f)), ui::ButtonKind::Primary))
        context.open(kCheckInScreen);
    ImGui::Dummy(ui::em(1.0f, 0.4f));
    // A delay is news for everyone with an appointment: large, under the check-in, before the coming weeks (which
    // give way to it), so that this week's days keep their place on the left.
    if (view.today.delayMinutes > 0) {
        ui::newsBanner(i18n::trf("health.today.delay", {{"minutes", std::to_string(view.today.delayMinutes)}}), right);
        ImGui::Dummy(ui::em(1.0f, 0.4f));
    }
    // As many coming weeks as fit above the "updated" line; a small screen shows fewer rather than cutting one,
    // and none (nor their heading) when a delay takes the room.
    // The "updated" line, on two lines where the column is narrow (large text).
    const std::string updated =
        view.updatedAt > 0 ? i18n::trf("health.updated_at", {{"when", i18n::shortDateTime(view.updatedAt)}}) : std::string();
    const float updatedHeight =
        updated.empty() ? 0.0f : fonts.small->CalcTextSizeA(fonts.small->FontSize, FLT_MAX, right, updated.c_str()).y;
    const float footerTop = origin.y + area.y - updatedHeight - ui::em(0.3f);
    // With neighbours to show, next week, then the neighbours, then the later weeks only in the room they leave:
    // the week after can wait, a doctor in the next village this week cannot. With no doctor here this week, the
    // neighbours come first.
    const bool nearby = !view.weeks.empty() && !view.weeks.front().neighbours.empty();
    const bool nearbyFirst = nearby && view.weeks.front().visits.empty();
    if (nearbyFirst) drawNearby(view.weeks.front().neighbours, right, footerTop);
    const bool roomForAWeek =
        ImGui::GetCursorScreenPos().y + fonts.title->FontSize * 2.4f + fonts.body->FontSize * 3.4f <= footerTop;
    if (roomForAWeek) ui::textWrapped(tr("health.coming_weeks"), right, fonts.title);
    float keptForNearby = nearby && !nearbyFirst ? nearbyLeastHeight(view.weeks.front().neighbours, right) : 0.0f;
    for (std::size_t w = 1; roomForAWeek && w < view.weeks.size(); ++w) {
        const auto& week = view.weeks[w];
        // A week takes its dates and its names, each on as many lines as they need; one that does not fit whole
        // is left out rather than cut.
        // Under « Semaines suivantes », a week is its days and month, short enough for one line of the column:
        // « Du 7 au 11 décembre ».
        std::string heading = i18n::weekRange(week.monday, services::health::lastDayShown(week), false);
        if (!heading.empty() && heading[0] >= 'a' && heading[0] <= 'z') heading[0] = static_cast<char>(heading[0] - 'a' + 'A');
        std::string who;
        for (const auto& visit : week.visits) who += (who.empty() ? "" : ", ") + visit.doctorName;
        int closedDays = 0;
        for (const auto& day : week.days) closedDays += day.closure ? 1 : 0;
        if (who.empty()) who = tr("health.no_doctor");
        if (closedDays > 0)
            who += " · " + i18n::trn("health.closed_days", closedDays, {{"count", std::to_string(closedDays)}});
        const auto height = [&](const std::string& words) {
            return fonts.body->CalcTextSizeA(fonts.body->FontSize, FLT_MAX, right, words.c_str()).y;
        };
        const float needed = height(heading) + height(who) + ImGui::GetStyle().ItemSpacing.y * 2.0f;
        // Room kept for the neighbours only where they would fit in it; otherwise the weeks take it.
        if (ImGui::GetCursorScreenPos().y + keptForNearby > footerTop) keptForNearby = 0.0f;
        if (ImGui::GetCursorScreenPos().y + needed > footerTop - (w > 1 ? keptForNearby : 0.0f)) break;
        ui::textWrapped(heading, right, fonts.body, ui::colors::kTextMuted);
        ui::textWrapped(who, right);
    }
    if (nearby && !nearbyFirst) drawNearby(view.weeks.front().neighbours, right, footerTop);
    ImGui::EndGroup();

    if (!updated.empty()) {
        ImGui::SetCursorScreenPos(ImVec2(origin.x + left + gap, origin.y + area.y - updatedHeight));
        ui::textWrapped(updated, right, fonts.small, ui::colors::kTextMuted);
    }
}

}  // namespace

void registerHealthRotaScreen(app::ScreenRegistry& registry) { registry.add<HealthScreen>(kHealthScreen); }

}  // namespace vk::screens
