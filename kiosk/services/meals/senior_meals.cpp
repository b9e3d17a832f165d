#include "kiosk/services/meals/senior_meals.h"

#include "kiosk/i18n/dates.h"
#include "kiosk/i18n/translations.h"
#include "kiosk/services/health/local_days.h"
#include "kiosk/services/user_text.h"
#include "storage/transaction.h"

#include <algorithm>
#include <map>
#include <regex>

namespace vk::services::meals {
namespace {

constexpr const char* kWeekdayKeys[7] = {"mon", "tue", "wed", "thu", "fri", "sat", "sun"};

bool isKioskActor(const StaffSession* actor) { return actor == &systemActor(SystemActor::Kiosk); }

// Control characters are refused rather than dropped: a name or an address that came in with one was pasted from
// somewhere, and the staff should see what they are about to print.
bool hasControlCharacters(const std::string& text) {
    for (std::size_t i = 0; i < text.size();) {
        const char32_t c = decodeUtf8(text, i);
        if (c < 0x20 || (c >= 0x7f && c < 0xa0)) return true;
    }
    return false;
}

// A one-line field: nullopt when it holds control characters or is longer than allowed once trimmed.
std::optional<std::string> cleanField(const std::string& typed, std::size_t maxLength) {
    if (hasControlCharacters(typed)) return std::nullopt;
    std::string clean = cleanUserText(typed, maxLength + 1);
    if (countCodepoints(clean) > maxLength) return std::nullopt;
    return clean;
}

bool isValidMonth(const std::string& month) {
    static const std::regex pattern(R"(\d{4}-(0[1-9]|1[0-2]))");
    return std::regex_match(month, pattern);
}

int weekdayBit(const std::string& day) { return 1 << health::weekdayIndex(day); }

// Retention counts from the end of the last day of service.
std::optional<std::int64_t> serviceEndOf(const MealRecipientDetails& details) {
    if (!details.endsOn) return std::nullopt;
    return health::localToUnixMs(health::addDays(*details.endsOn, 1), "00:00");
}

std::vector<DietCount> dietsOf(const std::vector<MealRecipient>& recipients) {
    std::map<std::string, int> portions;
    for (const auto& r : recipients)
        if (!r.details.diet.empty()) ++portions[r.details.diet];
    std::vector<DietCount> diets;
    for (const auto& [diet, count] : portions) diets.push_back({diet, count});
    std::stable_sort(diets.begin(), diets.end(), [](const DietCount& a, const DietCount& b) { return a.portions > b.portions; });
    return diets;
}

}  // namespace

std::string errorKey(MealError error) {
    switch (error) {
    case MealError::None: return "meals.error.none";
    case MealError::NotAllowed: return "meals.error.not_allowed";
    case MealError::NameInvalid: return "meals.error.name_invalid";
    case MealError::ModeInvalid: return "meals.error.mode_invalid";
    case MealError::AddressInvalid: return "meals.error.address_invalid";
    case MealError::DaysInvalid: return "meals.error.days_invalid";
    case MealError::DietInvalid: return "meals.error.diet_invalid";
    case MealError::FunderInvalid: return "meals.error.funder_invalid";
    case MealError::ConsentMissing: return "meals.error.consent_missing";
    case MealError::ConsentDayInvalid: return "meals.error.consent_day_invalid";
    case MealError::ConsentByInvalid: return "meals.error.consent_by_invalid";
    case MealError::StartInvalid: return "meals.error.start_invalid";
    case MealError::EndInvalid: return "meals.error.end_invalid";
    case MealError::RoundOrderInvalid: return "meals.error.round_order_invalid";
    case MealError::RecipientUnknown: return "meals.error.recipient_unknown";
    case MealError::NotDelivered: return "meals.error.not_delivered";
    case MealError::DriverUnknown: return "meals.error.driver_unknown";
    case MealError::DriverAlreadyOnRound: return "meals.error.driver_already_on_round";
    case MealError::DriverNotOnRound: return "meals.error.driver_not_on_round";
    case MealError::DayInvalid: return "meals.error.day_invalid";
    case MealError::DayInFuture: return "meals.error.day_in_future";
    case MealError::DayAlreadyServed: return "meals.error.day_already_served";
    case MealError::MonthInvalid: return "meals.error.month_invalid";
    case MealError::StorageFailed: return "meals.error.storage_failed";
    }
    return "meals.error.storage_failed";
}

std::string describeError(MealError error) {
    switch (error) {
    case MealError::None: return "done";
    case MealError::NotAllowed: return "not allowed for this account (the café manager or an admin)";
    case MealError::NameInvalid: return "the name is empty, longer than 80 characters or holds control characters";
    case MealError::ModeInvalid: return "the mode must be cafe or home";
    case MealError::AddressInvalid:
        return "a home delivery needs an address, of 200 characters at most and without control characters";
    case MealError::DaysInvalid: return "the days must be some of mon,tue,wed,thu,fri,sat,sun (or daily)";
    case MealError::DietInvalid: return "the diet note is longer than 60 characters or holds control characters";
    case MealError::FunderInvalid: return "the funder is empty, longer than 60 characters or holds control characters";
    case MealError::ConsentMissing: return "no consent recorded (its day and who recorded it): nobody is registered without it";
    case MealError::ConsentDayInvalid: return "the day of consent must be a real date written YYYY-MM-DD, not after today";
    case MealError::ConsentByInvalid: return "who recorded the consent is longer than 80 characters or holds control characters";
    case MealError::StartInvalid: return "the first day must be a real date written YYYY-MM-DD";
    case MealError::EndInvalid: return "the last day must be a real date written YYYY-MM-DD, not before the first";
    case MealError::RoundOrderInvalid: return "the place in the round must be from 0 to 9999";
    case MealError::RecipientUnknown: return "no such recipient in the register";
    case MealError::NotDelivered: return "that recipient is not delivered at home that day";
    case MealError::DriverUnknown: return "no member has that id";
    case MealError::DriverAlreadyOnRound: return "that member drives that day already";
    case MealError::DriverNotOnRound: return "that member does not drive that day";
    case MealError::DayInvalid: return "the day must be a real date written YYYY-MM-DD";
    case MealError::DayInFuture: return "that day has not come yet";
    case MealError::DayAlreadyServed: return "that day's meals were confirmed served already";
    case MealError::MonthInvalid: return "the month must be written YYYY-MM";
    case MealError::StorageFailed: return "the database could not store it; nothing was changed";
    }
    return "the database could not store it; nothing was changed";
}

std::optional<int> parseWeekdays(const std::string& text) {
    if (text == "daily") return kEveryDay;
    int bits = 0;
    std::size_t begin = 0;
    while (begin <= text.size()) {
        std::size_t end = text.find(',', begin);
        if (end == std::string::npos) end = text.size();
        const std::string part = text.substr(begin, end - begin);
        const auto found = std::find(std::begin(kWeekdayKeys), std::end(kWeekdayKeys), part);
        if (found == std::end(kWeekdayKeys)) return std::nullopt;
        bits |= 1 << (found - std::begin(kWeekdayKeys));
        begin = end + 1;
    }
    return bits == 0 ? std::nullopt : std::optional<int>(bits);
}

std::string weekdaysText(int weekdays) {
    std::string text;
    for (int i = 0; i < 7; ++i)
        if (weekdays & (1 << i)) text += (text.empty() ? "" : ",") + std::string(kWeekdayKeys[i]);
    return text;
}

RecipientForm formOf(const MealRecipient& r) {
    const auto& d = r.details;
    return {d.name, std::string(storage::mealModeKey(d.mode)), d.address, d.weekdays, d.diet, d.funder,
            d.consentOn, d.consentBy, d.startsOn, d.endsOn.value_or(""), d.roundOrder};
}

std::string dietSummary(const std::vector<DietCount>& diets) {
    std::string text;
    for (const auto& d : diets) text += (text.empty() ? "" : ", ") + std::to_string(d.portions) + " " + d.diet;
    return text;
}

SeniorMeals::SeniorMeals(storage::Database& db, const Clock& clock, StaffService& staff,
                         timebank::MemberDirectory& members, hardware::ReceiptPrinter& printer, std::string villageName)
    : db_(db), clock_(clock), staff_(staff), members_(members), printer_(printer), villageName_(std::move(villageName)),
      store_(db) {}

bool SeniorMeals::mayManage(const StaffSession* actor) {
    return actor != nullptr && !isKioskActor(actor) &&
           (actor->role == StaffRole::CafeManager || actor->role == StaffRole::Admin);
}

std::string SeniorMeals::today() const { return health::localDay(clock_.nowMs()); }

MealError SeniorMeals::refuse(const StaffSession* actor, const char* attemptKey) {
    try {
        staff_.audit(actor, "meals.refused", {{"attempt_key", attemptKey}});
    } catch (const std::exception&) {
        // The refusal stands whether or not its line could be written.
    }
    return MealError::NotAllowed;
}

MealError SeniorMeals::readForm(const RecipientForm& form, MealRecipientDetails& details) const {
    const auto name = cleanField(form.name, kMaxNameLength);
    if (!name || name->empty()) return MealError::NameInvalid;
    const auto mode = storage::mealModeFromKey(form.mode);
    if (!mode) return MealError::ModeInvalid;
    std::string address;
    // An address is kept only for a delivery: the café has no use for it.
    if (*mode == MealMode::Home) {
        const auto typed = cleanField(form.address, kMaxAddressLength);
        if (!typed || typed->empty()) return MealError::AddressInvalid;
        address = *typed;
    }
    if (form.weekdays < 1 || form.weekdays > kEveryDay) return MealError::DaysInvalid;
    const auto diet = cleanField(form.diet, kMaxDietLength);
    if (!diet) return MealError::DietInvalid;
    const auto funder = cleanField(form.funder, kMaxFunderLength);
    if (!funder || funder->empty()) return MealError::FunderInvalid;
    const auto consentBy = cleanField(form.consentBy, kMaxNameLength);
    if (form.consentOn.empty() || (consentBy && consentBy->empty())) return MealError::ConsentMissing;
    if (!health::isValidDay(form.consentOn) || form.consentOn > today()) return MealError::ConsentDayInvalid;
    if (!consentBy) return MealError::ConsentByInvalid;
    if (!health::isValidDay(form.startsOn)) return MealError::StartInvalid;
    std::optional<std::string> endsOn;
    if (!form.endsOn.empty()) {
        if (!health::isValidDay(form.endsOn) || form.endsOn < form.startsOn) return MealError::EndInvalid;
        endsOn = form.endsOn;
    }
    if (form.roundOrder < 0 || form.roundOrder > kMaxRoundOrder) return MealError::RoundOrderInvalid;
    details = {*name, *mode, address, form.weekdays, *diet, *funder, form.consentOn, *consentBy, form.startsOn,
               endsOn, form.roundOrder};
    return MealError::None;
}

RecipientResult SeniorMeals::addRecipient(const StaffSession* actor, const RecipientForm& form) {
    if (!mayManage(actor)) return {refuse(actor, "audit.attempt.add_meal_recipient"), std::nullopt};
    MealRecipientDetails details;
    if (const MealError error = readForm(form, details); error != MealError::None) return {error, std::nullopt};
    RecipientResult result;
    try {
        staff_.inTransaction([&] {
            result.recipient = store_.insertRecipient(details, serviceEndOf(details), clock_.nowMs());
            // The person's name stays out of the log: the log outlives the register (docs/meals.md).
            staff_.audit(actor, "meals.add_recipient",
                         {{"mode_key", "meals.mode." + std::string(storage::mealModeKey(details.mode))},
                          {"funder", details.funder}});
        });
    } catch (const std::exception&) {
        return {MealError::StorageFailed, std::nullopt};
    }
    return result;
}

RecipientResult SeniorMeals::editRecipient(const StaffSession* actor, const std::string& recipientId,
                                           const RecipientForm& form) {
    if (!mayManage(actor)) return {refuse(actor, "audit.attempt.edit_meal_recipient"), std::nullopt};
    MealRecipientDetails details;
    if (const MealError error = readForm(form, details); error != MealError::None) return {error, std::nullopt};
    RecipientResult result;
    try {
        staff_.inTransaction([&] {
            if (!store_.updateRecipient(recipientId, details, serviceEndOf(details), clock_.nowMs())) {
                result.error = MealError::RecipientUnknown;
                return;
            }
            result.recipient = store_.recipient(recipientId);
            staff_.audit(actor, "meals.edit_recipient",
                         {{"mode_key", "meals.mode." + std::string(storage::mealModeKey(details.mode))},
                          {"funder", details.funder}});
        });
    } catch (const std::exception&) {
        return {MealError::StorageFailed, std::nullopt};
    }
    return result;
}

MealError SeniorMeals::removeRecipient(const StaffSession* actor, const std::string& recipientId) {
    if (!mayManage(actor)) return refuse(actor, "audit.attempt.remove_meal_recipient");
    MealError error = MealError::None;
    try {
        staff_.inTransaction([&] {
            const auto before = store_.recipient(recipientId);
            if (!before || !store_.removeRecipient(recipientId, clock_.nowMs())) {
                error = MealError::RecipientUnknown;
                return;
            }
            staff_.audit(actor, "meals.remove_recipient",
                         {{"mode_key", "meals.mode." + std::string(storage::mealModeKey(before->details.mode))},
                          {"funder", before->details.funder}});
        });
    } catch (const std::exception&) {
        return MealError::StorageFailed;
    }
    return error;
}

std::vector<MealRecipient> SeniorMeals::recipients(const StaffSession* actor) {
    if (!mayManage(actor)) return {};
    return store_.recipients();
}

std::optional<MealRecipient> SeniorMeals::recipient(const StaffSession* actor, const std::string& recipientId) {
    if (!mayManage(actor)) return std::nullopt;
    return store_.recipient(recipientId);
}

std::string SeniorMeals::driverName(const std::string& memberId) {
    const auto member = members_.find(memberId);
    return member ? member->name : memberId;
}

MealError SeniorMeals::addDriver(const StaffSession* actor, const std::string& day, const std::string& memberId) {
    if (!mayManage(actor)) return refuse(actor, "audit.attempt.add_meal_driver");
    if (!health::isValidDay(day)) return MealError::DayInvalid;
    if (memberId.empty() || memberId.size() > 64) return MealError::DriverUnknown;
    const auto member = members_.find(memberId);
    if (!member) return MealError::DriverUnknown;
    MealError error = MealError::None;
    try {
        staff_.inTransaction([&] {
            for (const auto& driver : store_.drivers(day))
                if (driver.memberId == memberId) {
                    error = MealError::DriverAlreadyOnRound;
                    return;
                }
            store_.insertDriver(day, memberId, clock_.nowMs());
            staff_.audit(actor, "meals.add_driver", {{"member", member->name}, {"on_day", day}});
        });
    } catch (const std::exception&) {
        return MealError::StorageFailed;
    }
    return error;
}

MealError SeniorMeals::removeDriver(const StaffSession* actor, const std::string& day, const std::string& memberId) {
    if (!mayManage(actor)) return refuse(actor, "audit.attempt.remove_meal_driver");
    if (!health::isValidDay(day)) return MealError::DayInvalid;
    MealError error = MealError::None;
    try {
        staff_.inTransaction([&] {
            if (!store_.removeDriver(day, memberId, clock_.nowMs())) {
                error = MealError::DriverNotOnRound;
                return;
            }
            staff_.audit(actor, "meals.remove_driver", {{"member", driverName(memberId)}, {"on_day", day}});
        });
    } catch (const std::exception&) {
        return MealError::StorageFailed;
    }
    return error;
}

MealError SeniorMeals::assignStop(const StaffSession* actor, const std::string& day, const std::string& recipientId,
                                  const std::string& memberId) {
    if (!mayManage(actor)) return refuse(actor, "audit.attempt.assign_meal_round");
    if (!health::isValidDay(day)) return MealError::DayInvalid;
    MealError error = MealError::None;
    try {
        staff_.inTransaction([&] {
            const auto served = store_.recipientsOn(day, weekdayBit(day));
            const auto found = std::find_if(served.begin(), served.end(),
                                            [&](const MealRecipient& r) { return r.id == recipientId; });
            if (found == served.end() || found->details.mode != MealMode::Home) {
                error = store_.recipient(recipientId) ? MealError::NotDelivered : MealError::RecipientUnknown;
                return;
            }
            if (!memberId.empty()) {
                const auto drivers = store_.drivers(day);
                if (std::none_of(drivers.begin(), drivers.end(),
                                 [&](const storage::MealRoundDriver& d) { return d.memberId == memberId; })) {
                    error = MealError::DriverNotOnRound;
                    return;
                }
            }
            store_.setStop(day, recipientId, memberId, clock_.nowMs());
            staff_.audit(actor, "meals.assign_stop",
                         {{"member", memberId.empty() ? i18n::tr("meals.round.even_split") : driverName(memberId)},
                          {"on_day", day}});
        });
    } catch (const std::exception&) {
        return MealError::StorageFailed;
    }
    return error;
}

DayPlan SeniorMeals::plan(const StaffSession* actor, const std::string& day, MealError* error) {
    DayPlan plan;
    plan.day = day;
    const MealError check = !mayManage(actor) ? MealError::NotAllowed
                            : !health::isValidDay(day) ? MealError::DayInvalid
                                                       : MealError::None;
    if (error) *error = check;
    if (check != MealError::None) return plan;
    for (auto& r : store_.recipientsOn(day, weekdayBit(day)))
        (r.details.mode == MealMode::Home ? plan.atHome : plan.atCafe).push_back(std::move(r));
    const auto drivers = store_.drivers(day);
    if (drivers.empty()) return plan;

    // The staff's assignments first; the other home recipients, in round order, fill each driver up to an even
    // share (the total divided by the drivers, the first ones taking one more) before the next, so that each round
    // is a run of neighbouring stops.
    std::map<std::string, std::size_t> driverIndex;
    for (const auto& d : drivers) {
        driverIndex[d.memberId] = plan.rounds.size();
        plan.rounds.push_back({d.memberId, driverName(d.memberId), {}});
    }
    std::map<std::string, std::size_t> assigned;  // recipient id → driver index
    for (const auto& stop : store_.stops(day))
        if (const auto found = driverIndex.find(stop.memberId); found != driverIndex.end())
            assigned[stop.recipientId] = found->second;
    const std::size_t total = plan.atHome.size();
    const std::size_t count = plan.rounds.size();
    std::vector<std::size_t> room(count);
    std::vector<std::size_t> given(count, 0);
    for (const auto& [id, index] : assigned) ++given[index];
    for (std::size_t i = 0; i < count; ++i) {
        const std::size_t share = total / count + (i < total % count ? 1 : 0);
        room[i] = share > given[i] ? share - given[i] : 0;
    }
    std::size_t current = 0;
    for (const auto& r : plan.atHome) {
        if (const auto found = assigned.find(r.id); found != assigned.end()) {
            plan.rounds[found->second].stops.push_back(r);
            continue;
        }
        while (current + 1 < count && room[current] == 0) ++current;
        plan.rounds[current].stops.push_back(r);
        if (room[current] > 0) --room[current];
    }
    return plan;
}

KitchenList SeniorMeals::kitchenList(const StaffSession* actor, const std::string& day, MealError* error) {
    const DayPlan dayPlan = plan(actor, day, error);
    KitchenList list;
    list.day = day;
    list.atCafe = static_cast<int>(dayPlan.atCafe.size());
    list.atHome = static_cast<int>(dayPlan.atHome.size());
    list.cafeDiets = dietsOf(dayPlan.atCafe);
    list.homeDiets = dietsOf(dayPlan.atHome);
    return list;
}

hardware::Receipt SeniorMeals::kitchenReceipt(const KitchenList& list) const {
    hardware::Receipt receipt;
    receipt.kind = "meals_kitchen_list";
    receipt.lines = {{villageName_, false, true, true}, {i18n::tr("meals.print.kitchen_heading"), false, true, true}};
    if (const auto at = health::localToUnixMs(list.day, "12:00"))
        receipt.lines.push_back({i18n::longDate(*at), false, false, true});
    receipt.add(hardware::Separator{});
    const auto modeLines = [&](const char* labelKey, int portions, const std::vector<DietCount>& diets) {
        receipt.add(hardware::columns(i18n::tr(labelKey), std::to_string(portions)));
        if (!diets.empty())
            receipt.add(hardware::ReceiptLine{i18n::trf("meals.print.of_which", {{"diets", dietSummary(diets)}})});
    };
    modeLines("meals.print.at_cafe", list.atCafe, list.cafeDiets);
    modeLines("meals.print.at_home", list.atHome, list.homeDiets);
    receipt.add(hardware::Separator{});
    hardware::ColumnsRow total = hardware::columns(i18n::tr("meals.print.total"), std::to_string(list.total()));
    total.bold = true;
    receipt.add(total);
    return receipt;
}

hardware::Receipt SeniorMeals::driverReceipt(const std::string& day, const DriverRound& round) const {
    hardware::Receipt receipt;
    receipt.kind = "meals_driver_round";
    receipt.lines = {{villageName_, false, true, true},
                     {i18n::trf("meals.print.round_heading", {{"driver", round.driverName}}), false, true, true}};
    if (const auto at = health::localToUnixMs(day, "12:00"))
        receipt.lines.push_back({i18n::longDate(*at), false, false, true});
    receipt.add(hardware::ReceiptLine{i18n::trn("meals.print.stops", round.stops.size(), {{"count", std::to_string(round.stops.size())}})});
    receipt.add(hardware::Separator{});
    int number = 0;
    for (const auto& stop : round.stops) {
        receipt.add(hardware::ReceiptLine{std::to_string(++number) + ". " + stop.details.name, false, true});
        receipt.add(hardware::ReceiptLine{"   " + stop.details.address});
    }
    return receipt;
}

PrintResult SeniorMeals::printKitchen(const StaffSession* actor, const std::string& day) {
    if (!mayManage(actor)) return {refuse(actor, "audit.attempt.print_meal_lists"), 0};
    MealError error = MealError::None;
    const KitchenList list = kitchenList(actor, day, &error);
    if (error != MealError::None) return {error, 0};
    try {
        staff_.audit(actor, "meals.print_kitchen", {{"on_day", day}, {"count", std::to_string(list.total())}});
    } catch (const std::exception&) {
        return {MealError::StorageFailed, 0};
    }
    printer_.submit(kitchenReceipt(list));
    return {MealError::None, 1};
}

PrintResult SeniorMeals::printDrivers(const StaffSession* actor, const std::string& day) {
    if (!mayManage(actor)) return {refuse(actor, "audit.attempt.print_meal_lists"), 0};
    MealError error = MealError::None;
    const DayPlan dayPlan = plan(actor, day, &error);
    if (error != MealError::None) return {error, 0};
    try {
        staff_.audit(actor, "meals.print_rounds", {{"on_day", day}, {"count", std::to_string(dayPlan.rounds.size())}});
    } catch (const std::exception&) {
        return {MealError::StorageFailed, 0};
    }
    for (const auto& round : dayPlan.rounds) printer_.submit(driverReceipt(day, round));
    return {MealError::None, static_cast<int>(dayPlan.rounds.size())};
}

ServeResult SeniorMeals::confirmServed(const StaffSession* actor, const std::string& day,
                                       const std::vector<std::string>& absentIds) {
    if (!mayManage(actor)) return {refuse(actor, "audit.attempt.serve_meals"), 0, 0};
    if (!health::isValidDay(day)) return {MealError::DayInvalid, 0, 0};
    if (day > today()) return {MealError::DayInFuture, 0, 0};
    ServeResult result;
    try {
        staff_.inTransaction([&] {
            if (store_.serviceDay(day)) {
                result.error = MealError::DayAlreadyServed;
                return;
            }
            const auto served = store_.recipientsOn(day, weekdayBit(day));
            for (const auto& id : absentIds)
                if (std::none_of(served.begin(), served.end(), [&](const MealRecipient& r) { return r.id == id; })) {
                    result.error = MealError::RecipientUnknown;
                    return;
                }
            std::map<std::pair<std::string, MealMode>, std::int64_t> meals;
            for (const auto& r : served) {
                if (std::find(absentIds.begin(), absentIds.end(), r.id) != absentIds.end()) {
                    ++result.absent;
                    continue;
                }
                ++meals[{r.details.funder, r.details.mode}];
                ++result.served;
            }
            std::vector<storage::MealCount> counts;
            for (const auto& [key, number] : meals) counts.push_back({"", key.first, key.second, number});
            store_.insertServiceDay({day, result.served, result.absent, actor->displayName, clock_.nowMs()}, counts,
                                    clock_.nowMs());
            staff_.audit(actor, "meals.serve", {{"on_day", day},
                                                {"count", std::to_string(result.served)},
                                                {"absent", std::to_string(result.absent)}});
        });
    } catch (const std::exception&) {
        return {MealError::StorageFailed, 0, 0};
    }
    if (!result.ok()) return {result.error, 0, 0};
    return result;
}

std::optional<storage::MealServiceDay> SeniorMeals::serviceDay(const std::string& day) { return store_.serviceDay(day); }

std::vector<FunderCount> SeniorMeals::monthCount(const std::string& month, MealError* error) {
    if (!isValidMonth(month)) {
        if (error) *error = MealError::MonthInvalid;
        return {};
    }
    if (error) *error = MealError::None;
    std::vector<FunderCount> funders;
    for (const auto& c : store_.countsByMonth(month + "-01", month + "-31")) {
        if (funders.empty() || funders.back().funder != c.funder) funders.push_back({c.funder, 0, 0});
        (c.mode == MealMode::Home ? funders.back().atHome : funders.back().atCafe) += c.meals;
    }
    return funders;
}

std::vector<impact::ServiceUse> MealsUsageSource::usesBetween(const std::string& fromDay,
                                                              const std::string& toDay) const {
    std::map<std::pair<std::string, MealMode>, std::int64_t> byMonth;
    for (const auto& c : storage::MealStore(db_).countsByMonth(fromDay, toDay)) byMonth[{c.month, c.mode}] += c.meals;
    std::vector<impact::ServiceUse> uses;
    for (const auto& [key, meals] : byMonth)
        uses.push_back({"meals", key.second == MealMode::Home ? "meals_delivered" : "meals_served", key.first, meals, 0});
    return uses;
}

}  // namespace vk::services::meals
