#pragma once
// Staff sign-in: choose your name (or present your staff card), then type the PIN.

#include "kiosk/app/screen.h"
#include "kiosk/ui/on_screen_keyboard.h"

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace vk::screens {

class StaffSignInScreen final : public app::Screen {
public:
    void open(app::ScreenContext& context) override;
    void draw(app::ScreenContext& context) override;
    // A staff card names the account; the PIN is still asked.
    void chooseAccount(app::KioskServices& services, const services::StaffAccount& account);
    // The outcome of the PIN check this screen began. Returns false when it is not this screen's (the kiosk went
    // home meanwhile): the caller then closes any session it opened.
    bool onPinChecked(app::ScreenContext& context, const services::LoginResult& result);

private:
    struct Form {
        std::vector<services::StaffAccount> accounts;
        std::optional<std::string> accountId;  // chosen by name or by card; then the PIN pad shows
        std::string accountName;
        std::string pin;
        std::int64_t lockedUntil = 0;  // read once when the account is chosen and after each attempt
        std::uint64_t pinCheck = 0;    // the background PIN check under way, 0 when none
        // The first admin of a kiosk with no account yet.
        enum class FirstAdminStep { Name, Pin, PinAgain };
        FirstAdminStep firstAdminStep = FirstAdminStep::Name;
        std::string firstAdminName;
        std::string firstAdminPin;
        std::string firstAdminPinAgain;
        ui::KeyboardState keyboard;
        std::string message;           // already translated
        bool messageIsError = false;
    };

    void drawChooseAccount(app::ScreenContext& context);
    void drawPinEntry(app::ScreenContext& context);
    void drawFirstAdmin(app::ScreenContext& context);
    void createFirstAdmin(app::ScreenContext& context);


    Form form_;
};

}  // namespace vk::screens
