#pragma once
// A resident checking in: by birth date and the first letters of the name, by the code on the booking, or
// by a card on the reader. One step at a time; what was typed is forgotten when the kiosk returns home.

#include "kiosk/app/screen.h"
#include "kiosk/services/health/check_in.h"
#include "kiosk/ui/on_screen_keyboard.h"

#include <optional>
#include <string>

namespace vk::screens {

class CheckInScreen final : public app::Screen {
public:
    void open(app::ScreenContext& context) override;
    void draw(app::ScreenContext& context) override;
    std::int64_t nextRedrawMs(std::int64_t nowMs) const override;
    // The step's question and what it shows; a result gives the ticket's number, never the initials.
    std::string spokenText(app::ScreenContext& context) override;

    // Shows a check-in's outcome and, when a patient is checked in, prints their ticket. Used by the steps
    // of this screen and by a card presented on the reader (`readFromCard`: a misread card is not "what was typed").
    void showResult(app::KioskServices& services, const services::health::CheckInResult& result,
                    bool readFromCard = false);

    struct Form {
        enum class Step { Choose, BirthDate, Letters, Code, Result, SeeAssistant };
        Step step = Step::Choose;
        std::string birthDigits;  // "DDMMYYYY"
        std::string letters;
        std::string code;
        std::string message;  // what is missing or wrong in what is being typed
        std::string typed;    // what was looked up, read back when nothing is found: « 14 mars 1950, MO »
        services::health::CheckInAttempts attempts;  // this person's misses; forgotten when they leave
        std::optional<services::health::CheckInResult> result;
        bool readFromCard = false;  // the result is a card's, not what was typed
    };

private:
    Form form_;
};

}  // namespace vk::screens
