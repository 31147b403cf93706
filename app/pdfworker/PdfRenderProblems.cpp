#include "app/pdfworker/PdfRenderProblems.h"

#include "model/pdf/protocol/PdfProtocol.h"

#include <QVariant>

#include <poppler-qt6.h>

#include <cstdio>
#include <utility>

namespace rd {

namespace {
thread_local PdfRenderProblems* t_current = nullptr;
bool s_echo = false;
} // namespace

void PdfRenderProblems::install(bool echo)
{
    s_echo = echo;
    Poppler::setDebugErrorFunction(&PdfRenderProblems::onPopplerMessage, QVariant());
}

PdfRenderProblems::PdfRenderProblems()
    : m_outer(std::exchange(t_current, this))
{}

PdfRenderProblems::~PdfRenderProblems()
{
    t_current = m_outer;
}

void PdfRenderProblems::onPopplerMessage(const QString& message, const QVariant&)
{
    if (s_echo)
        std::fprintf(stderr, "%s\n", qPrintable(message));
    if (t_current)
        t_current->add(message);
}

void PdfRenderProblems::add(const QString& message)
{
    ++m_count;
    if (m_messages.size() < pdfproto::MaxRenderProblems)
        m_messages.append(message.left(pdfproto::MaxRenderProblemChars));
}

} // namespace rd
