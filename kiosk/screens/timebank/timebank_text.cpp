#include "kiosk/screens/timebank/timebank_text.h"

#include "kiosk/i18n/translations.h"

namespace vk::screens {

using i18n::tr;
using services::timebank::TimeBankError;

std::string transferErrorText(const services::timebank::TransferResult& result, const std::string& receiverName,
                              const std::string& providerName) {
    const std::string limit = services::timebank::formatMinutes(result.limitMinutes.value_or(0));
    switch (result.error) {
    case TimeBankError::None: return "";
    case TimeBankError::NotAllowed: return tr("timebank.error.not_allowed");
    case TimeBankError::UnknownPayer:
    case TimeBankError::UnknownProvider: return tr("timebank.error.unknown_member");
    case TimeBankError::SameMember: return tr("timebank.error.same_member");
    case TimeBankError::MinutesInvalid: return tr("timebank.error.minutes");
    case TimeBankError::WhatEmpty: return tr("timebank.error.what_empty");
    case TimeBankError::WhatTooLong: return tr("timebank.error.what_too_long");
    case TimeBankError::CategoryUnknown: return tr("timebank.error.category");
    case TimeBankError::RateInvalid: return tr("timebank.error.rate");
    case TimeBankError::KeyInvalid:
    case TimeBankError::KeyReused: return tr("timebank.error.key");
    case TimeBankError::BelowMinimum:
        return i18n::trf("timebank.error.below_minimum", {{"name", receiverName}, {"time", limit}});
    case TimeBankError::AboveMaximum:
        return i18n::trf("timebank.error.above_maximum", {{"name", providerName}, {"time", limit}});
    case TimeBankError::NotFound: return tr("timebank.error.not_found");
    case TimeBankError::AlreadyCorrected: return tr("timebank.error.already_corrected");
    case TimeBankError::CorrectionOfCorrection: return tr("timebank.error.correction");
    case TimeBankError::StorageFailed: return tr("timebank.error.storage");
    }
    return tr("timebank.error.storage");
}

std::string signedTime(std::int64_t minutes) {
    return (minutes > 0 ? "+" : "") + services::timebank::formatMinutes(minutes);
}

}  // namespace vk::screens
