package com.cpor.notificationservice.notification.application;

import com.cpor.notificationservice.notification.domain.Notice;

/** Writes a notice in the recipient's language (subject, HTML body, text body). */
public interface NoticeRenderer {

    RenderedMail render(Notice notice);
}
