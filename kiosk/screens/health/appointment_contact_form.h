#pragma once
// « Contact et rappels » on the assistant's desk (health-appointments): the patient's phone and e-mail and their yes
// to reminders and delay notices, for one booked or arrived appointment. A view of the desk screen, kept apart so
// that the desk's list and correction form stay as they are. Saving goes through AppointmentBook::setContact,
// which checks the phone and e-mail and audits the change.

#include "kiosk/app/screen.h"
#include "kiosk/ui/on_screen_keyboard.h"
#include "storage/appointment_store.h"

#include <string>

namespace vk::screens {

class AppointmentContactForm {
public:
    enum class Outcome { Editing, Saved, Left };

    void start(const storage::Appointment& appointment);
    // The whole view, header bar included. Saved once the book took the form, Left on « back » or « Annuler ».
    Outcome draw(app::ScreenContext& context);

private:
    enum class Field { Phone, Email };

    void drawKeys(const ImVec2& origin, const ImVec2& area);

    std::string appointmentId_;
    std::string heading_;  // « 10:30  Dupont Marie · jeudi 13 juin 2030 »
    std::string phone_;
    std::string email_;
    bool consent_ = false;
    Field field_ = Field::Phone;
    ui::KeyboardState keyboard_;
    std::string error_;
    bool saved_ = false;
};

// The line under an appointment in the desk's list: « Rappels » and how this patient is reminded (« Rappels par
// SMS », « Pas de rappel »). True when « Rappels » was tapped.
bool drawReminderRow(const storage::Appointment& appointment, ImVec2 buttonSize);

}  // namespace vk::screens
