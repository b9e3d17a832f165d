#pragma once
// Everything the screens show that is not in the database: where the kiosk is, who is signed in, what has
// been typed. returnHome() throws the typed part away.

#include "kiosk/services/health/check_in.h"
#include "kiosk/services/health/waiting_room.h"
#include "kiosk/services/health/rota_service.h"
#include "kiosk/services/staff_service.h"
#include "kiosk/ui/on_screen_keyboard.h"
#include "storage/audit_log.h"
#include "storage/staff_notice_store.h"
#include "storage/village_info_store.h"

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace vk::app {

enum class ScreenId {
    Home, Health, HealthCheckIn, Parcels, Board, VillageInfo,
    StaffSignIn, StaffHome, StaffAccounts, StaffAudit, StaffRota, StaffWaitingRoom, HealthCalling, StaffDevices
};

struct StaffSignInForm {
    std::vector<services::StaffAccount> accounts;
    std::optional<std::string> accountId;  // chosen by name or by card; then the PIN pad shows
    std::string accountName;
    std::string pin;
    std::int64_t lockedUntil = 0;  // read once when the account is chosen and after each attempt
    std::string message;           // already translated
    bool messageIsError = false;
};

struct StaffAccountsForm {
    enum class Mode { List, Add, NewPin, ConfirmRemove };
    enum class Field { Name, Pin };
    Mode mode = Mode::List;
    Field field = Field::Name;
    std::vector<services::StaffAccount> accounts;
    std::string accountId;  // the account being changed
    std::string accountName;
    std::string name;
    std::string pin;
    services::StaffRole role = services::StaffRole::CafeManager;
    ui::KeyboardState keyboard;
    std::string message;
    bool messageIsError = false;
};

// The public rota as last read, refreshed when the minute changes (today's state moves with the clock).
struct HealthView {
    std::vector<services::health::RotaWeek> weeks;
    services::health::TodayState today;
    std::int64_t updatedAt = 0;
    std::int64_t loadedMinute = -1;
};

// The staff rota editor: one week at a time, and the small form open on it.
struct RotaEditForm {
    enum class Mode { Week, AddHours, AddVisit, AddClosure };
    enum class Field { Opens, Closes, Name, Title, Reason };
    Mode mode = Mode::Week;
    Field field = Field::Opens;
    std::string monday;
    std::vector<services::health::RotaWeek> week;  // one week, reloaded after each change
    std::string day;      // the day a form is about
    std::string opens;    // digits typed, "0900"
    std::string closes;
    std::string name;
    std::string title;
    std::string reason;
    std::string firstDay;  // a visit's days, chosen on the week's chips
    std::string lastDay;
    ui::KeyboardState keyboard;
    std::string message;
    bool messageIsError = false;
};

// A resident checking in: one step at a time, and what they typed (forgotten when the kiosk returns home).
struct CheckInForm {
    enum class Step { Choose, BirthDate, Letters, Code, Result, SeeAssistant };
    Step step = Step::Choose;
    std::string birthDigits;  // "DDMMYYYY"
    std::string letters;
    std::string code;
    ui::KeyboardState keyboard;
    std::optional<services::health::CheckInResult> result;
};

// The assistant's waiting room, reloaded after each action and each minute.
struct WaitingRoomView {
    enum class Mode { List, WalkIn, AddAppointment };
    enum class Field { Surname, GivenName, BirthDate, Time };
    Mode mode = Mode::List;
    Field field = Field::Surname;
    std::vector<storage::Appointment> waiting;
    std::vector<storage::Appointment> today;
    services::health::CallingBoard board;
    int delayMinutes = 0;
    std::int64_t loadedMinute = -1;
    std::string walkInName;
    // A booked appointment typed at the desk, for today.
    std::string surname;
    std::string givenName;
    std::string birthDigits;  // "DDMMYYYY"
    std::string timeDigits;   // "HHMM"
    ui::KeyboardState keyboard;
    std::string message;
    bool messageIsError = false;
};

// The staff device panel: the test receipt it printed last, drawn as the printer would.
struct DevicePanelView {
    std::vector<std::uint8_t> previewRgba;
    int previewWidth = 0;
    int previewHeight = 0;
    std::uint64_t previewVersion = 0;
    std::string message;
};

struct AppState {
    ScreenId screen = ScreenId::Home;
    std::optional<services::StaffSession> staff;
    StaffSignInForm signIn;
    StaffAccountsForm accounts;
    std::vector<storage::VillageInfoEntry> villageInfo;
    HealthView health;
    RotaEditForm rotaEdit;
    CheckInForm checkIn;
    WaitingRoomView waitingRoom;
    DevicePanelView devices;
    std::vector<storage::StaffNotice> staffNotices;
    std::vector<storage::AuditEntry> audit;
    bool visitorChoseOtherLanguage = false;
    // For the technician: problems found at start-up (configuration, font). Kept until the kiosk restarts.
    std::vector<std::string> notices;
    // Set when the kiosk cannot work at all (no database): every screen gives way to the out-of-order one.
    std::string outOfOrder;
};

}  // namespace vk::app
