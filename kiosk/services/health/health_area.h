#pragma once
// The health centre as an area: the doctor rota and its feed, appointments, check-in and the waiting room.

#include "kiosk/services/area.h"
#include "kiosk/services/health/appointment_book.h"
#include "kiosk/services/health/appointment_reminders.h"
#include "kiosk/services/health/check_in.h"
#include "kiosk/services/health/health_settings.h"
#include "kiosk/services/health/rota_service.h"
#include "kiosk/services/health/waiting_list.h"
#include "kiosk/services/health/waiting_room.h"

#include <memory>

namespace vk::net {
class FetchWorker;
struct HttpResponse;
}

namespace vk::services::health {

class HealthServices : public AreaServices {
public:
    explicit HealthServices(const AreaContext& context);
    ~HealthServices() override;

    void startBackgroundWork(std::function<void()> wake) override;
    // Fetches the rota feed and the booking feeds every rota_refresh_minutes, on one worker, and applies what
    // came back; once a minute, withdraws the patients' messages that became pointless and queues tomorrow's
    // reminders.
    bool poll(std::int64_t nowMs) override;
    std::int64_t nextDueMs() const override;
    void stop() override;

    const HealthSettings settings;
    RotaService rota;
    AppointmentBook appointments;
    CheckIn checkIn;
    WaitingRoom waitingRoom;
    WaitingList waitingList;
    // Told by the rota of every delay announced (RotaService::setDelayListener).
    AppointmentReminders reminders;

    // Applies one booking feed's answer: a failure leaves the book as it was and a staff notice naming the host.
    ImportReport applyBookingFeedResponse(const std::string& url, const net::HttpResponse& response);

private:
    std::string timeZone_;
    storage::StaffNoticeStore notices_;
    const Clock& clock_;
    std::unique_ptr<net::FetchWorker> rotaFetcher_;
    std::int64_t nextRotaFetchMs_ = 0;
    std::int64_t nextReminderRoundMs_ = 0;
};

AreaDefinition healthArea();

}  // namespace vk::services::health
