#pragma once
// What the time bank prints: a receipt for each member of an exchange, and a member's monthly statement. Built as
// hardware::Receipt (the printer and the on-screen preview draw it), in the kiosk's current language.

#include "hardware/receipt.h"
#include "kiosk/services/timebank/time_bank.h"

#include <cstdint>
#include <string>

namespace vk::services::timebank {

// The receipt of `self`, one side of `transfer`: who with, what, the minutes credited or debited, their balance
// after it, and the transfer's id (to find it again, or to correct it).
hardware::Receipt exchangeReceipt(const TimeBankTransfer& transfer, const TimeBankMember& self,
                                  const TimeBankMember& other, std::int64_t balanceAfter,
                                  const std::string& villageName);

hardware::Receipt statementReceipt(const MonthlyStatement& statement, const std::string& villageName);

// A category's words: the board's (board.category.<key>), « other », or a configured category as it is written.
std::string categoryName(const std::string& key);

// "15,00 €" (cents; the kiosk only shows the rate the members agreed on).
std::string formatEuros(std::int64_t cents);

}  // namespace vk::services::timebank
