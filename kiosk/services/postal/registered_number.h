#pragma once
// The number of a registered letter, as printed on La Poste's recommandé form and read by the scanner.
//
// Two shapes are accepted:
//  - La Poste's domestic number: a digit, a capital letter, then 11 digits (13 characters, "1A 123 456 7890 1"
//    as printed). Its last digit is a key whose rule La Poste does not publish; it is not checked.
//  - The UPU S10 international number: two letters, eight digits, a check digit, the country ("RR123456785FR").
//    Its check digit is verified (weights 8 6 4 2 3 5 9 7, modulo 11), so that a mis-scan is caught.
// Spaces, dashes and dots as printed are dropped and letters taken in capitals before the check.

#include <optional>
#include <string>
#include <string_view>

namespace vk::services::postal {

enum class RegisteredNumberProblem { None, Empty, Shape, CheckDigit };

struct RegisteredNumberCheck {
    RegisteredNumberProblem problem = RegisteredNumberProblem::None;
    std::string normalized;  // when valid
    bool ok() const { return problem == RegisteredNumberProblem::None; }
};

RegisteredNumberCheck checkRegisteredNumber(std::string_view typed);

// The S10 check digit of eight digits; nullopt for anything else.
std::optional<int> s10CheckDigit(std::string_view eightDigits);

}  // namespace vk::services::postal
