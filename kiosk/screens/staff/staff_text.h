#pragma once
// Words shared by the staff screens.

#include "kiosk/services/staff_service.h"

#include <string>

namespace vk::screens {

const char* roleName(services::StaffRole role);
const char* accountErrorText(services::AccountError error);

}  // namespace vk::screens
