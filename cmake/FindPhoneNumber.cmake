# SPDX-FileCopyrightText: 2026 CallBridge contributors
# SPDX-License-Identifier: GPL-3.0-or-later

# libphonenumber ships no CMake config on Debian 12; find it by hand.
# Provides the imported target PhoneNumber::PhoneNumber.
find_path(PhoneNumber_INCLUDE_DIR phonenumbers/phonenumberutil.h)
find_library(PhoneNumber_LIBRARY phonenumber)
find_package(Protobuf QUIET)

include(FindPackageHandleStandardArgs)
find_package_handle_standard_args(PhoneNumber
    REQUIRED_VARS PhoneNumber_LIBRARY PhoneNumber_INCLUDE_DIR)

if(PhoneNumber_FOUND AND NOT TARGET PhoneNumber::PhoneNumber)
    add_library(PhoneNumber::PhoneNumber UNKNOWN IMPORTED)
    set_target_properties(PhoneNumber::PhoneNumber PROPERTIES
        IMPORTED_LOCATION "${PhoneNumber_LIBRARY}"
        INTERFACE_INCLUDE_DIRECTORIES "${PhoneNumber_INCLUDE_DIR}")
    # The generated *.pb.h headers include protobuf's.
    if(Protobuf_FOUND)
        set_property(TARGET PhoneNumber::PhoneNumber APPEND PROPERTY
            INTERFACE_LINK_LIBRARIES protobuf::libprotobuf)
    endif()
endif()
mark_as_advanced(PhoneNumber_INCLUDE_DIR PhoneNumber_LIBRARY)
