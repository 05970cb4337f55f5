package org.wikimedia.phlogiston.run;

import org.quartz.DisallowConcurrentExecution;
import org.quartz.Job;
import org.quartz.JobExecutionContext;

/**
 * What Quartz does at each time of the schedule: the run, for the time it was scheduled for (not the time the job
 * actually starts, which differs from one process to the next). A time that comes while the previous run is still
 * going on waits for it: runs of one schedule never overlap. Quartz creates the job through Spring, which gives it
 * the schedule.
 */
@DisallowConcurrentExecution
class NightlyRunJob implements Job {

    private final NightlySchedule schedule;

    NightlyRunJob(NightlySchedule schedule) {
        this.schedule = schedule;
    }

    @Override
    public void execute(JobExecutionContext context) {
        RunRequest request = (RunRequest) context.getMergedJobDataMap().get(NightlySchedule.REQUEST);
        schedule.fire(request, context.getScheduledFireTime().toInstant());
    }
}
