#pragma once
// A technician types `village-kiosk doctor` or `village-kiosk backup` in a root shell. Files that command made in
// the data folder (the database's -wal and -shm, a backup, the database itself) would then belong to root, and
// the kiosk, which runs as its own user, could no longer open them. So a command run as root over a data folder
// that belongs to someone else becomes that someone first, as `runuser` would.

#include <filesystem>
#include <string>

namespace vk::cli {

// Does nothing unless the process is root and `folder` exists and belongs to another user. Returns a sentence
// for stderr when it could not switch (the command should then stop), empty otherwise.
std::string becomeOwnerOf(const std::filesystem::path& folder);

}  // namespace vk::cli
