import Foundation

/// Why a file operation failed, in the system's words (`Not a directory`, `Permission denied`):
/// Foundation's own descriptions of the same failures read `NSCocoaErrorDomain error 512` or
/// carry a dump of their user info.
enum ErrorReason {
  static func of(_ error: any Error) -> String {
    let error = error as NSError
    if error.domain == NSPOSIXErrorDomain { return String(cString: strerror(Int32(error.code))) }
    if let underlying = error.userInfo[NSUnderlyingErrorKey] as? NSError,
      underlying.domain == NSPOSIXErrorDomain
    {
      return String(cString: strerror(Int32(underlying.code)))
    }
    switch error.code {
    case NSFileNoSuchFileError, NSFileReadNoSuchFileError: return "No such file or directory"
    case NSFileWriteNoPermissionError, NSFileReadNoPermissionError: return "Permission denied"
    case NSFileWriteOutOfSpaceError: return "No space left on device"
    case NSFileWriteFileExistsError: return "File exists"
    default: return error.localizedDescription
    }
  }
}
