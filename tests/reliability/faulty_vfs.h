#pragma once
// A SQLite VFS that fails on demand: every file it opens forwards to the default VFS, except that while writes are
// armed, xWrite and xSync answer SQLITE_IOERR_WRITE / SQLITE_IOERR_FSYNC (a disk failing under the kiosk, a USB
// stick pulled, a SD card worn out). A database opened as "file:PATH?vfs=faulty" uses it.

#include <sqlite3.h>

#include <atomic>
#include <cstring>

namespace vk::testing {

class FaultyVfs {
public:
    static constexpr const char* kName = "faulty";

    // Registers the VFS once (not as the default); later calls do nothing.
    static void install() {
        static const bool installed = [] {
            sqlite3_vfs* real = sqlite3_vfs_find(nullptr);
            static sqlite3_vfs vfs = *real;
            vfs.zName = kName;
            vfs.szOsFile = static_cast<int>(sizeof(File)) + real->szOsFile;
            vfs.pAppData = real;
            vfs.xOpen = open;
            vfs.pNext = nullptr;
            return sqlite3_vfs_register(&vfs, 0) == SQLITE_OK;
        }();
        (void)installed;
    }

    // Every database opened from now on goes through this VFS (the kiosk's runtime opens plain paths); until
    // restoreDefault().
    static void makeDefault() {
        install();
        sqlite3_vfs_register(sqlite3_vfs_find(kName), 1);
    }
    static void restoreDefault() {
        sqlite3_vfs* self = sqlite3_vfs_find(kName);
        if (self && sqlite3_vfs_find(nullptr) == self)
            sqlite3_vfs_register(static_cast<sqlite3_vfs*>(self->pAppData), 1);
    }

    static void failWrites(bool fail) { writesFail().store(fail); }
    static void writeProtect(bool on) { writeProtected().store(on); }
    // How many writes and syncs were refused since the last reset: a test that armed the fault checks it bit.
    static int refusals() { return refused().load(); }
    static void resetRefusals() { refused().store(0); }

private:
    struct File {
        sqlite3_file base;
        sqlite3_file* real;
    };

    static std::atomic<bool>& writesFail() {
        static std::atomic<bool> fail{false};
        return fail;
    }
    static std::atomic<bool>& writeProtected() {
        static std::atomic<bool> on{false};
        return on;
    }
    static std::atomic<int>& refused() {
        static std::atomic<int> count{0};
        return count;
    }
    static sqlite3_file* real(sqlite3_file* file) { return reinterpret_cast<File*>(file)->real; }

    static int close(sqlite3_file* f) { return real(f)->pMethods->xClose(real(f)); }
    static int read(sqlite3_file* f, void* buffer, int amount, sqlite3_int64 offset) {
        return real(f)->pMethods->xRead(real(f), buffer, amount, offset);
    }
    static int write(sqlite3_file* f, const void* buffer, int amount, sqlite3_int64 offset) {
        if (writesFail().load()) {
            ++refused();
            return SQLITE_IOERR_WRITE;
        }
        return real(f)->pMethods->xWrite(real(f), buffer, amount, offset);
    }
    static int truncate(sqlite3_file* f, sqlite3_int64 size) { return real(f)->pMethods->xTruncate(real(f), size); }
    static int sync(sqlite3_file* f, int flags) {
        if (writesFail().load()) {
            ++refused();
            return SQLITE_IOERR_FSYNC;
        }
        return real(f)->pMethods->xSync(real(f), flags);
    }
    static int fileSize(sqlite3_file* f, sqlite3_int64* size) { return real(f)->pMethods->xFileSize(real(f), size); }
    static int lock(sqlite3_file* f, int level) { return real(f)->pMethods->xLock(real(f), level); }
    static int unlock(sqlite3_file* f, int level) { return real(f)->pMethods->xUnlock(real(f), level); }
    static int checkReservedLock(sqlite3_file* f, int* out) {
        return real(f)->pMethods->xCheckReservedLock(real(f), out);
    }
    static int fileControl(sqlite3_file* f, int op, void* arg) { return real(f)->pMethods->xFileControl(real(f), op, arg); }
    static int sectorSize(sqlite3_file* f) { return real(f)->pMethods->xSectorSize(real(f)); }
    static int deviceCharacteristics(sqlite3_file* f) { return real(f)->pMethods->xDeviceCharacteristics(real(f)); }
    static int shmMap(sqlite3_file* f, int region, int size, int extend, void volatile** out) {
        return real(f)->pMethods->xShmMap(real(f), region, size, extend, out);
    }
    static int shmLock(sqlite3_file* f, int offset, int n, int flags) {
        return real(f)->pMethods->xShmLock(real(f), offset, n, flags);
    }
    static void shmBarrier(sqlite3_file* f) { real(f)->pMethods->xShmBarrier(real(f)); }
    static int shmUnmap(sqlite3_file* f, int deleteFlag) { return real(f)->pMethods->xShmUnmap(real(f), deleteFlag); }

    static int open(sqlite3_vfs* vfs, const char* name, sqlite3_file* file, int flags, int* outFlags) {
        auto* realVfs = static_cast<sqlite3_vfs*>(vfs->pAppData);
        auto* wrapper = reinterpret_cast<File*>(file);
        wrapper->real = reinterpret_cast<sqlite3_file*>(wrapper + 1);
        std::memset(wrapper->real, 0, static_cast<std::size_t>(realVfs->szOsFile));
        constexpr int kStoredFiles = SQLITE_OPEN_MAIN_DB | SQLITE_OPEN_MAIN_JOURNAL | SQLITE_OPEN_WAL;
        if (writeProtected().load() && (flags & kStoredFiles) != 0 && (flags & SQLITE_OPEN_READWRITE) != 0)
            flags = (flags & ~(SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE)) | SQLITE_OPEN_READONLY;
        const int rc = realVfs->xOpen(realVfs, name, wrapper->real, flags, outFlags);
        if (wrapper->real->pMethods == nullptr) {
            wrapper->base.pMethods = nullptr;
            return rc;
        }
        // Version 2 (shared memory for WAL) without memory-mapped fetches: every page goes through xRead.
        static const sqlite3_io_methods methods = {2,        close,     read,         write,      truncate,
                                                   sync,     fileSize,  lock,         unlock,     checkReservedLock,
                                                   fileControl, sectorSize, deviceCharacteristics, shmMap, shmLock,
                                                   shmBarrier, shmUnmap, nullptr,   nullptr};
        wrapper->base.pMethods = &methods;
        return rc;
    }
};

}  // namespace vk::testing
