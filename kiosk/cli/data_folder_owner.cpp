#include "kiosk/cli/data_folder_owner.h"

#include <grp.h>
#include <pwd.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstdlib>
#include <cstring>

namespace vk::cli {

std::string becomeOwnerOf(const std::filesystem::path& folder) {
    if (geteuid() != 0) return "";
    struct stat info {};
    if (stat(folder.c_str(), &info) != 0 || info.st_uid == 0) return "";
    const passwd* owner = getpwuid(info.st_uid);
    if (!owner) return "";
    const std::string name = owner->pw_name;
    const gid_t group = owner->pw_gid;
    const uid_t user = owner->pw_uid;
    // Groups first, while still root; then the user, for good (no way back to root).
    if (initgroups(name.c_str(), group) != 0 || setgid(group) != 0 || setuid(user) != 0)
        return "cannot act as " + name + ", the owner of " + folder.string() + ": " + std::strerror(errno) +
               " (run the command as that user: runuser -u " + name + " -- village-kiosk …)";
    // Defaults that follow HOME (the data folder of a user without kiosk.toml) follow the new user too.
    setenv("HOME", owner->pw_dir, 1);
    return "";
}

}  // namespace vk::cli
