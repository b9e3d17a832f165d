#pragma once
// Words shared by the time bank's screens.

#include "kiosk/services/timebank/time_bank.h"

#include <string>

namespace vk::screens {

// Why the ledger refused, for the café manager; the limits name the member they stop.
std::string transferErrorText(const services::timebank::TransferResult& result, const std::string& receiverName,
                              const std::string& providerName);
// "+1 h 30" for a credit, "-45 min" for a debt.
std::string signedTime(std::int64_t minutes);

}  // namespace vk::screens
