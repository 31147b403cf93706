# Installation of the desktop integration and the Debian package (cpack -G DEB).
# Included from the root CMakeLists.txt after the targets. `sh packaging/dev.sh test` builds the
# package from the -Werror build folder, installs it with apt and runs the installed binaries.
include(GNUInstallDirs)

set(_rd_pkg ${CMAKE_CURRENT_LIST_DIR})
set(REVIEWDESK_APP_ID org.reviewdesk.ReviewDesk)
set(REVIEWDESK_DOCDIR ${CMAKE_INSTALL_DATADIR}/doc/reviewdesk)

# The desktop entry, the AppStream metadata and the MIME type of .rdcase files (a double click on a
# case file opens it in reviewdesk).
install(FILES ${_rd_pkg}/desktop/${REVIEWDESK_APP_ID}.desktop DESTINATION ${CMAKE_INSTALL_DATADIR}/applications)
install(FILES ${_rd_pkg}/desktop/${REVIEWDESK_APP_ID}.metainfo.xml DESTINATION ${CMAKE_INSTALL_DATADIR}/metainfo)
install(FILES ${_rd_pkg}/desktop/reviewdesk-mime.xml DESTINATION ${CMAKE_INSTALL_DATADIR}/mime/packages
    RENAME ${REVIEWDESK_APP_ID}.xml)

# Icons: the hand-drawn SVG and its PNG renderings (packaging/desktop/render-icons.sh).
install(FILES ${_rd_pkg}/desktop/${REVIEWDESK_APP_ID}.svg
    DESTINATION ${CMAKE_INSTALL_DATADIR}/icons/hicolor/scalable/apps)
foreach(_size 16 22 24 32 48 64 128 256)
    install(FILES ${_rd_pkg}/desktop/icons/reviewdesk-${_size}.png
        DESTINATION ${CMAKE_INSTALL_DATADIR}/icons/hicolor/${_size}x${_size}/apps RENAME ${REVIEWDESK_APP_ID}.png)
endforeach()

# Man pages, written by hand in troff; gzipped as Debian installs them.
foreach(_page reviewdesk reviewdesk-cli)
    add_custom_command(OUTPUT ${CMAKE_CURRENT_BINARY_DIR}/man/${_page}.1.gz
        COMMAND ${CMAKE_COMMAND} -E make_directory ${CMAKE_CURRENT_BINARY_DIR}/man
        COMMAND gzip -9nc ${_rd_pkg}/man/${_page}.1 > ${CMAKE_CURRENT_BINARY_DIR}/man/${_page}.1.gz
        DEPENDS ${_rd_pkg}/man/${_page}.1
        VERBATIM)
    list(APPEND _rd_man_pages ${CMAKE_CURRENT_BINARY_DIR}/man/${_page}.1.gz)
endforeach()
add_custom_target(rd_man_pages ALL DEPENDS ${_rd_man_pages})
install(FILES ${_rd_man_pages} DESTINATION ${CMAKE_INSTALL_MANDIR}/man1)

# The user guide, the pages it links and its screenshots.
install(FILES
    ${PROJECT_SOURCE_DIR}/docs/user-guide.md
    ${PROJECT_SOURCE_DIR}/docs/command-line.md
    ${PROJECT_SOURCE_DIR}/docs/sign-off-and-letters.md
    ${PROJECT_SOURCE_DIR}/docs/case-file-format.md
    ${PROJECT_SOURCE_DIR}/docs/policy-file-format.md
    ${PROJECT_SOURCE_DIR}/docs/fhir.md
    ${PROJECT_SOURCE_DIR}/docs/workspace.md
    DESTINATION ${REVIEWDESK_DOCDIR})
install(DIRECTORY ${PROJECT_SOURCE_DIR}/docs/screenshots DESTINATION ${REVIEWDESK_DOCDIR}
    FILES_MATCHING PATTERN "*.png")
install(FILES ${_rd_pkg}/copyright DESTINATION ${REVIEWDESK_DOCDIR})

# --- CPack: one .deb for Debian 12 (amd64 or whatever dpkg says) ---
set(CPACK_GENERATOR DEB)
set(CPACK_PACKAGE_NAME reviewdesk)
set(CPACK_PACKAGE_VENDOR "ReviewDesk")
set(CPACK_PACKAGE_VERSION ${PROJECT_VERSION})
set(CPACK_PACKAGE_DESCRIPTION_SUMMARY "utilization review workstation for health plans")
set(CPACK_PACKAGE_DESCRIPTION
    "ReviewDesk helps a utilization reviewer decide prior-authorization requests for\n"
    "computer-based motion analysis against the health plan's written policy: a case\n"
    "queue with due-by clocks, a guided checklist beside the attached clinical PDFs,\n"
    "every judgment saved at once with a tamper-evident audit trail, medical-director\n"
    "sign-off and determination letters. reviewdesk-cli is the command line.")
string(JOIN "" CPACK_PACKAGE_DESCRIPTION ${CPACK_PACKAGE_DESCRIPTION})
set(CPACK_PACKAGING_INSTALL_PREFIX /usr)
set(CPACK_STRIP_FILES ON)
set(CPACK_PACKAGE_CONTACT "ReviewDesk maintainers <maintainers@reviewdesk.invalid>")
set(CPACK_DEBIAN_FILE_NAME DEB-DEFAULT) # reviewdesk_VERSION_ARCH.deb
set(CPACK_DEBIAN_PACKAGE_SECTION misc)
set(CPACK_DEBIAN_PACKAGE_PRIORITY optional)
# Shared libraries through dpkg-shlibdeps (dpkg-dev); what is not linked is named here: the Qt
# platform plugins, and the fonts the letters are laid out in, hard dependencies because a tagline
# without its font prints as empty boxes (resources/letters/taglines.json names them): DejaVu (Latin,
# Cyrillic, Arabic, Persian, Lao), WenQuanYi Micro Hei (Chinese, Japanese, Korean), Khmer OS (Khmer),
# Garuda (Thai); libpq5 (the team workspace) is named too, though shlibdeps finds it.
set(CPACK_DEBIAN_PACKAGE_SHLIBDEPS ON)
set(CPACK_DEBIAN_PACKAGE_DEPENDS
    "qt6-qpa-plugins, libpq5, fonts-dejavu-core, fonts-wqy-microhei, fonts-khmeros, fonts-tlwg-garuda-ttf | fonts-tlwg-garuda, qt6-image-formats-plugins")
set(CPACK_DEBIAN_PACKAGE_RECOMMENDS "qt6-translations-l10n, qt6-gtk-platformtheme | qt6-wayland")
# The MIME database, desktop database and icon cache are refreshed by dpkg's file triggers.
include(CPack)
