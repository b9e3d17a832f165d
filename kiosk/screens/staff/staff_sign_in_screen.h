#pragma once
// Staff sign-in: choose your name (or present your staff card), then type the PIN.

#include "kiosk/app/screen.h"

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

private:
    struct Form {
        std::vector<services::StaffAccount> accounts;
        std::optional<std::string> accountId;  // chosen by name or by card; then the PIN pad shows
        std::string accountName;
        std::string pin;
        std::int64_t lockedUntil = 0;  // read once when the account is chosen and after each attempt
        std::string message;           // already translated
        bool messageIsError = false;
    };

    void drawChooseAccount(app::ScreenContext& context);
    void drawPinEntry(app::ScreenContext& context);
    void checkPin(app::ScreenContext& context);

    Form form_;
};

}  // namespace vk::screens
